package io.unikernel.demo.host;

/**
 * A path in a container that the host refuses to use: a symbolic link (which could lead the host
 * out of the container), or not the kind of file the contract puts there.
 */
public final class UnsafePathException extends HostException {
    private final String path;

    UnsafePathException(String path, FileKind found, FileKind expected) {
        super(found == FileKind.SYMBOLIC_LINK
                ? path + " is a symbolic link; the host writes the contract files itself and refuses to follow links in an image"
                : path + " is " + found.description() + ", not " + expected.description()
                        + "; the host writes the contract files itself and refuses anything else there in an image");
        this.path = path;
    }

    /** The path as the container sees it, e.g. {@code /ip}. */
    public String path() {
        return path;
    }
}
