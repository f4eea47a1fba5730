package io.unikernel.demo.scene;

import java.nio.file.Path;

/**
 * A scene file that cannot be used, with the place to fix it:
 * {@code scenes/demo.yaml:12:7: unknown key "colour"; expected one of id, title, narration, steps}.
 */
public final class SceneFileException extends Exception {
    private final Path path;
    private final int line;
    private final int column;

    private SceneFileException(Path path, int line, int column, String message) {
        super(message);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** A problem at a place in the file; line and column are 1-based. */
    static SceneFileException at(Path path, int line, int column, String problem, String expected) {
        String message = path + ":" + line + ":" + column + ": " + problem + "; expected " + expected;
        // Values quoted in the message may span lines; an editor or terminal wants the error on one.
        return new SceneFileException(path, line, column, message.replaceAll("\\s*\\R\\s*", " "));
    }

    static SceneFileException unreadable(Path path, String reason) {
        return new SceneFileException(path, 0, 0, "cannot read " + path + ": " + reason);
    }

    public Path path() {
        return path;
    }

    /** 1-based; 0 when the file could not be read at all. */
    public int line() {
        return line;
    }

    /** 1-based; 0 when the file could not be read at all. */
    public int column() {
        return column;
    }
}
