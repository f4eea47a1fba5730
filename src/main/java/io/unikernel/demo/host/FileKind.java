package io.unikernel.demo.host;

/** The type bits of a file's mode (S_IFMT in sys/stat.h), named as a message says them. */
public enum FileKind {
    REGULAR(0100000, "a regular file"),
    DIRECTORY(0040000, "a directory"),
    SYMBOLIC_LINK(0120000, "a symbolic link"),
    SOCKET(0140000, "a socket"),
    NAMED_PIPE(0010000, "a named pipe"),
    CHARACTER_DEVICE(0020000, "a character device"),
    BLOCK_DEVICE(0060000, "a block device");

    /** S_IFMT from sys/stat.h. */
    static final int TYPE_MASK = 0170000;

    private final int bits;
    private final String description;

    FileKind(int bits, String description) {
        this.bits = bits;
        this.description = description;
    }

    static FileKind ofMode(int mode) {
        for (FileKind kind : values()) {
            if ((mode & TYPE_MASK) == kind.bits) {
                return kind;
            }
        }
        throw new IllegalArgumentException("mode " + Integer.toOctalString(mode) + " has no known file type");
    }

    /** "a symbolic link", "a directory"... */
    public String description() {
        return description;
    }
}
