package io.unikernel.demo.host;

/**
 * An open network namespace file ({@code /proc/PID/ns/net}), which setns(2) moves the calling
 * thread into. setns changes only that thread: whoever enters one must come back on the same thread.
 */
public final class NamespaceFile implements AutoCloseable {
    // From fcntl.h and sched.h.
    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 02000000;
    private static final int CLONE_NEWNET = 0x40000000;

    private final int fd;
    private final String closeOperation;
    private boolean closed;

    private NamespaceFile(int fd, String closeOperation) {
        this.fd = fd;
        this.closeOperation = closeOperation;
    }

    /**
     * Opens a network namespace file.
     *
     * @param shown the namespace as the message of a failed open names it
     * @param closeOperation what a failed close says it failed to do
     */
    public static NamespaceFile openNetwork(String path, String shown, String closeOperation)
            throws SystemCallException {
        return new NamespaceFile(NativeHost.open(path, O_RDONLY | O_CLOEXEC, shown), closeOperation);
    }

    /** Moves the calling thread into this network namespace. */
    public void enter(String operation) throws SystemCallException {
        if (Libc.functions().setns(fd, CLONE_NEWNET) != 0) {
            throw SystemCallException.ofLastCall(operation);
        }
    }

    @Override
    public void close() throws SystemCallException {
        if (!closed) {
            closed = true;
            NativeHost.close(fd, closeOperation);
        }
    }
}
