package io.unikernel.demo.json;

/** A JSON document is malformed: where (1-based line and column) and what was expected there. */
public final class JsonSyntaxException extends Exception {
    private final int line;
    private final int column;

    public JsonSyntaxException(int line, int column, String problem) {
        super("line " + line + ", column " + column + ": " + problem);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
