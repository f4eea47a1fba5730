package io.unikernel.demo.host;

import java.nio.ByteBuffer;

import jnr.ffi.LastError;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/**
 * Our one jnr-ffi binding: the libc functions jnr-posix lacks. What jnr-posix offers (open, close,
 * fstat, isatty, kill, strerror) goes through {@link Posix}; nothing outside this package sees either.
 */
final class Libc {
    /** Public only because jnr-ffi generates its implementation in another class loader. */
    public interface Functions {
        @SaveError
        int setns(int fd, int nstype);

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
        int mknodat(int dirfd, String path, int mode, long dev);

        /** glibc has no openat2 wrapper; syscall(2) it is (its other arguments are plain registers). */
        @SaveError
        long syscall(long number, int dirfd, String path, @In byte[] how, long size);

        // ioctl(2) is variadic: the third argument must be passed the variadic way.
        @SaveError
        @Variadic(fixedCount = 2)
        int ioctl(int fd, long request, long arg);

        @SaveError
        int tcgetattr(int fd, Pointer termios);

        @SaveError
        int tcsetattr(int fd, int optionalActions, Pointer termios);

        void cfmakeraw(Pointer termios);
    }

    /** Bound on first use: commands that make no such call (help, ps) never pay for jnr-ffi's stubs. */
    private static final class Holder {
        static final Functions FUNCTIONS = LibraryLoader.create(Functions.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(FUNCTIONS);
    }

    private Libc() {
    }

    static Functions functions() {
        return Holder.FUNCTIONS;
    }

    static Runtime runtime() {
        return Holder.RUNTIME;
    }

    /** The errno jnr-ffi saved on this thread after its last call, ours or jnr-posix's. */
    static int lastErrno() {
        return LastError.getLastError(Holder.RUNTIME);
    }
}
