package io.unikernel.demo.host;

import java.nio.ByteBuffer;

/**
 * A datagram socket of any family, addressed by raw {@code sockaddr} bytes (a netlink socket,
 * which Java's channels do not offer). Each call names its operation for the message of a failure.
 */
public final class RawSocket implements AutoCloseable {
    private final int fd;
    private final String name;
    private boolean closed;

    private RawSocket(int fd, String name) {
        this.fd = fd;
        this.name = name;
    }

    /**
     * socket(2).
     *
     * @param name the socket as a failed close names it ("the netlink socket")
     */
    public static RawSocket open(int domain, int type, int protocol, String name, String operation)
            throws SystemCallException {
        int fd = Libc.functions().socket(domain, type, protocol);
        if (fd < 0) {
            throw SystemCallException.ofLastCall(operation);
        }
        return new RawSocket(fd, name);
    }

    /** bind(2) to {@code address}, a whole {@code sockaddr}. */
    public void bind(byte[] address, String operation) throws SystemCallException {
        if (Libc.functions().bind(fd, address, address.length) != 0) {
            throw SystemCallException.ofLastCall(operation);
        }
    }

    /** getsockname(2): the first {@code size} bytes of the address the socket is bound to. */
    public byte[] localAddress(int size, String operation) throws SystemCallException {
        byte[] address = new byte[size];
        if (Libc.functions().getsockname(fd, address, new int[] {size}) != 0) {
            throw SystemCallException.ofLastCall(operation);
        }
        return address;
    }

    /** sendto(2) of one datagram; returns the bytes sent. */
    public long sendTo(byte[] message, byte[] address, String operation) throws SystemCallException {
        long sent = Libc.functions().sendto(fd, message, message.length, 0, address, address.length);
        if (sent < 0) {
            throw SystemCallException.ofLastCall(operation);
        }
        return sent;
    }

    /**
     * recvfrom(2) of one datagram into {@code buffer} from position 0 and the sender's address
     * into {@code sender}, retried when a signal interrupts it; returns the datagram's full length,
     * which with MSG_TRUNC may exceed the buffer.
     */
    public int receiveFrom(ByteBuffer buffer, int flags, byte[] sender, String operation) throws SystemCallException {
        while (true) {
            long received = Libc.functions().recvfrom(fd, buffer, buffer.capacity(), flags, sender,
                    new int[] {sender.length});
            if (received >= 0) {
                return (int) received;
            }
            SystemCallException failure = SystemCallException.ofLastCall(operation);
            if (failure.errno() != SystemCallException.EINTR) {
                throw failure;
            }
        }
    }

    @Override
    public void close() throws SystemCallException {
        if (!closed) {
            closed = true;
            NativeHost.close(fd, "close " + name);
        }
    }
}
