package io.unikernel.demo.host;

/** A system call failed; the errno lets a caller tell a missing file from a refused link. */
public class SystemCallException extends HostException {
    static final int ENOENT = 2;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int ELOOP = 40;

    private final int errno;

    SystemCallException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
