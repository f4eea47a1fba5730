package io.unikernel.demo.host;

import jnr.constants.platform.Errno;

/**
 * A system call failed; the errno lets a caller tell a missing file from a refused link. The one
 * place an errno becomes words: "Failed to open /dev/kvm: No such file or directory (errno 2)".
 */
public class SystemCallException extends HostException {
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int ELOOP = 40;

    private final String operation;
    private final int errno;

    SystemCallException(String operation, int errno) {
        super("Failed to " + operation + ": " + description(errno) + " (errno " + errno + ")");
        this.operation = operation;
        this.errno = errno;
    }

    /** The call just made on this thread failed: its errno is the one jnr-ffi saved. */
    static SystemCallException ofLastCall(String operation) {
        return new SystemCallException(operation, Libc.lastErrno());
    }

    /** What failed, as the message says it after "Failed to ": "open /dev/kvm". */
    public String operation() {
        return operation;
    }

    public int errno() {
        return errno;
    }

    /** libc's words for an errno: "File exists". */
    public static String description(int errno) {
        return Posix.posix().strerror(errno);
    }

    /** The symbolic name ("EEXIST"), or "" for a number libc does not know. */
    public static String name(int errno) {
        Errno known = Errno.valueOf(errno);
        return known.defined() ? known.name() : "";
    }
}
