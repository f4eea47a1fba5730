package io.unikernel.demo.netlink;

import io.unikernel.demo.host.SystemCallException;

import java.io.IOException;

/**
 * A failed rtnetlink operation, with the kernel's errno. The message names the operation and the
 * cause: "Failed to create macvtap vtap110004 on link 2: File exists (EEXIST, errno 17)".
 */
public class NetlinkException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    private NetlinkException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The kernel or libc refused {@code operation} ("create macvtap x on link 2") with {@code errno}. */
    static NetlinkException of(String operation, int errno) {
        return new NetlinkException("Failed to " + operation + ": " + describe(errno), errno);
    }

    /** A system call of the netlink socket failed; its errno, in this class's words. */
    static NetlinkException of(SystemCallException failure) {
        return of(failure.operation(), failure.errno());
    }

    /** The kernel's reply broke the netlink protocol; reported as EPROTO. */
    static NetlinkException protocol(String operation, String detail) {
        return new NetlinkException("Failed to " + operation + ": unexpected reply from the kernel: " + detail,
                NetlinkConstants.EPROTO);
    }

    /** "File exists (EEXIST, errno 17)". */
    static String describe(int errno) {
        String name = SystemCallException.name(errno);
        return SystemCallException.description(errno) + " (" + (name.isEmpty() ? "" : name + ", ") + "errno " + errno + ")";
    }

    /** The positive errno, e.g. 17. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno, e.g. "EEXIST"; "" when the number has no known name. */
    public String errnoName() {
        return SystemCallException.name(errno);
    }
}
