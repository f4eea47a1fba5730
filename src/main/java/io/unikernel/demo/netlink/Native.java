package io.unikernel.demo.netlink;

import java.nio.ByteBuffer;

import jnr.constants.platform.Errno;
import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * The only door to libc. Each wrapper turns a failed call (-1) into a {@link NetlinkException}
 * that carries errno, so nothing outside this class sees jnr types or checks return codes.
 */
final class Native {
    private Native() {
    }

    /** Public only because jnr-ffi generates its implementation in another class loader. */
    public interface LibC {
        @SaveError
        int socket(int domain, int type, int protocol);

        @SaveError
        int bind(int fd, @In byte[] address, int addressLength);

        @SaveError
        int getsockname(int fd, @Out byte[] address, @In @Out int[] addressLength);

        @SaveError
        @ssize_t
        long sendto(int fd, @In byte[] buffer, @size_t long length, int flags,
                    @In byte[] address, int addressLength);

        @SaveError
        @ssize_t
        long recvfrom(int fd, ByteBuffer buffer, @size_t long length, int flags,
                      @Out byte[] address, @In @Out int[] addressLength);

        @SaveError
        int setns(int fd, int nstype);

        @SaveError
        int open(String path, int flags);

        @SaveError
        int close(int fd);

        String strerror(int errnum);
    }

    // Loaded on first use: errnoName works without the native library.
    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    static int socket(int domain, int type, int protocol, String operation) throws NetlinkException {
        return (int) check(Holder.LIBC.socket(domain, type, protocol), operation);
    }

    static void bind(int fd, byte[] address, String operation) throws NetlinkException {
        check(Holder.LIBC.bind(fd, address, address.length), operation);
    }

    static byte[] getsockname(int fd, int size, String operation) throws NetlinkException {
        byte[] address = new byte[size];
        check(Holder.LIBC.getsockname(fd, address, new int[] {size}), operation);
        return address;
    }

    static void sendto(int fd, byte[] message, byte[] address, String operation) throws NetlinkException {
        long sent = check(Holder.LIBC.sendto(fd, message, message.length, 0, address, address.length), operation);
        if (sent != message.length) {
            throw NetlinkException.protocol(operation, "sent " + sent + " of " + message.length + " bytes");
        }
    }

    /**
     * Receives one datagram into {@code buffer} from position 0 and the sender's address into
     * {@code address}; returns the datagram's full length, which with MSG_TRUNC may exceed the buffer.
     */
    static int recvfrom(int fd, ByteBuffer buffer, int flags, byte[] address, String operation)
            throws NetlinkException {
        long received;
        do {
            received = Holder.LIBC.recvfrom(fd, buffer, buffer.capacity(), flags, address,
                    new int[] {address.length});
        } while (received < 0 && lastErrno() == NetlinkConstants.EINTR);
        return (int) check(received, operation);
    }

    static void setns(int fd, int nstype, String operation) throws NetlinkException {
        check(Holder.LIBC.setns(fd, nstype), operation);
    }

    static int open(String path, int flags, String operation) throws NetlinkException {
        return (int) check(Holder.LIBC.open(path, flags), operation);
    }

    static void close(int fd, String operation) throws NetlinkException {
        check(Holder.LIBC.close(fd), operation);
    }

    static String strerror(int errno) {
        return Holder.LIBC.strerror(errno);
    }

    /** The symbolic name ("EEXIST"), or "" for a number libc does not know. */
    static String errnoName(int errno) {
        Errno known = Errno.valueOf(errno);
        return known.defined() ? known.name() : "";
    }

    private static long check(long result, String operation) throws NetlinkException {
        if (result < 0) {
            throw NetlinkException.of(operation, lastErrno());
        }
        return result;
    }

    private static int lastErrno() {
        return LastError.getLastError(Holder.RUNTIME);
    }
}
