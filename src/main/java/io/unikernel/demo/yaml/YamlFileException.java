package io.unikernel.demo.yaml;

import java.nio.file.Path;

/**
 * A YAML file that cannot be used, with the place to fix it:
 * {@code scenes/demo.yaml:12:7: unknown key "colour"; expected one of id, title, narration, steps}.
 */
public class YamlFileException extends Exception {
    private final Path path;
    private final int line;
    private final int column;

    private YamlFileException(Path path, int line, int column, String message) {
        super(message);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** The same problem, for a subclass that names the kind of file. */
    protected YamlFileException(YamlFileException problem) {
        this(problem.path, problem.line, problem.column, problem.getMessage());
    }

    /** A problem at a place in the file; line and column are 1-based. */
    public static YamlFileException at(Path path, int line, int column, String problem, String expected) {
        String message = path + ":" + line + ":" + column + ": " + problem + "; expected " + expected;
        // Values quoted in the message may span lines; an editor or terminal wants the error on one.
        return new YamlFileException(path, line, column, message.replaceAll("\\s*\\R\\s*", " "));
    }

    public static YamlFileException unreadable(Path path, String reason) {
        return new YamlFileException(path, 0, 0, "cannot read " + path + ": " + reason);
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
