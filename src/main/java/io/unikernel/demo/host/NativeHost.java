package io.unikernel.demo.host;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The only class of this package that touches jnr-ffi: system calls that Java has no API for. */
final class NativeHost {
    /** S_IFCHR from sys/stat.h. */
    static final int S_IFCHR = 0020000;

    public interface LibC {
        int mknodat(int dirfd, String path, int mode, long dev);

        /** glibc has no openat2 wrapper; syscall(2) it is (its other arguments are plain registers). */
        long syscall(long number, int dirfd, String path, byte[] how, long size);

        int fstat(int fd, byte[] stat);

        int close(int fd);

        String strerror(int errnum);

        int isatty(int fd);

        int tcgetattr(int fd, byte[] termios);

        int tcsetattr(int fd, int optionalActions, byte[] termios);

        void cfmakeraw(byte[] termios);

        int kill(int pid, int signal);
    }

    private static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
    private static final Runtime RUNTIME = Runtime.getRuntime(LIBC);

    private NativeHost() {
    }

    /** Nothing: calling it runs the static initialiser, which binds libc. */
    static void load() {
    }

    /** glibc's struct termios is 60 bytes on x86-64; a little slack costs nothing. */
    static final int TERMIOS_SIZE = 64;
    /** TCSANOW from termios.h. */
    private static final int TCSANOW = 0;

    static boolean isTerminal(int fd) {
        return LIBC.isatty(fd) == 1;
    }

    static byte[] terminalAttributes(int fd) throws HostException {
        byte[] termios = new byte[TERMIOS_SIZE];
        if (LIBC.tcgetattr(fd, termios) != 0) {
            throw lastError("read the terminal settings of fd " + fd);
        }
        return termios;
    }

    static void setTerminalAttributes(int fd, byte[] termios) throws HostException {
        if (LIBC.tcsetattr(fd, TCSANOW, termios) != 0) {
            throw lastError("change the terminal settings of fd " + fd);
        }
    }

    /** Offset of c_oflag in glibc's struct termios (after the 4-byte c_iflag). */
    private static final int C_OFLAG_OFFSET = 4;
    /** OPOST and ONLCR from termios.h: output "\n" as "\r\n". */
    private static final int OPOST_ONLCR = 0x1 | 0x4;

    /**
     * Raw input, but output still turns "\n" into "\r\n": the runner's own lines reach us
     * without a carriage return, and would otherwise step across the screen.
     */
    static byte[] raw(byte[] termios) {
        byte[] copy = termios.clone();
        LIBC.cfmakeraw(copy);
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(C_OFLAG_OFFSET,
                ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).getInt(C_OFLAG_OFFSET) | OPOST_ONLCR);
        return copy;
    }

    /** Offset of c_iflag in glibc's struct termios. */
    private static final int C_IFLAG_OFFSET = 0;
    /** IXON from termios.h: Ctrl-S / Ctrl-Q pause and resume output. */
    static final int IXON = 0x400;

    /** The same settings with software flow control off, so Ctrl-S and Ctrl-Q arrive as keys. */
    static byte[] withoutFlowControl(byte[] termios) {
        byte[] copy = termios.clone();
        ByteBuffer flags = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        flags.putInt(C_IFLAG_OFFSET, flags.getInt(C_IFLAG_OFFSET) & ~IXON);
        return copy;
    }

    private static SystemCallException lastError(String action) {
        int errno = RUNTIME.getLastError();
        return new SystemCallException("Failed to " + action + ": " + LIBC.strerror(errno) + " (errno " + errno + ")", errno);
    }

    /** ESRCH from errno.h: no such process (or process group). */
    private static final int ESRCH = 3;

    /**
     * kill(2): a negative pid signals that whole process group. Returns false when there was no
     * such process or group (nothing left to signal); other failures throw.
     */
    static boolean kill(int pid, int signal) throws HostException {
        if (LIBC.kill(pid, signal) == 0) {
            return true;
        }
        if (RUNTIME.getLastError() == ESRCH) {
            return false;
        }
        throw lastError("send signal " + signal + " to " + (pid < 0 ? "process group " + -pid : "process " + pid));
    }

    /** openat2's number, the same on every architecture (include/uapi/asm-generic/unistd.h). */
    static final long SYS_OPENAT2 = 437;
    /** AT_FDCWD from fcntl.h: a relative path starts at the working directory. */
    static final int AT_FDCWD = -100;

    /** openat2(2): a new descriptor, or the errno (ELOOP for a refused link) in the exception. */
    static int openat2(int dirfd, String path, OpenHow how, String shown) throws SystemCallException {
        long fd = LIBC.syscall(SYS_OPENAT2, dirfd, path, how.bytes(), OpenHow.SIZE);
        if (fd < 0) {
            throw lastError("open " + shown);
        }
        return (int) fd;
    }

    /** glibc's struct stat on x86-64 is 144 bytes; st_mode follows st_dev, st_ino and st_nlink (8 bytes each). */
    static final int STAT_SIZE = 144;
    static final int ST_MODE_OFFSET = 24;

    static int fileMode(int fd, String shown) throws SystemCallException {
        byte[] stat = new byte[STAT_SIZE];
        if (LIBC.fstat(fd, stat) != 0) {
            throw lastError("look at " + shown);
        }
        return ByteBuffer.wrap(stat).order(ByteOrder.LITTLE_ENDIAN).getInt(ST_MODE_OFFSET);
    }

    static void close(int fd) {
        LIBC.close(fd);
    }

    /** mknodat(2) of a character device; the name is not followed if it is a link (it then exists: EEXIST). */
    static void mknodCharDeviceAt(int dirfd, String name, int permissions, DeviceNumber device, String shown)
            throws SystemCallException {
        if (LIBC.mknodat(dirfd, name, S_IFCHR | permissions, makedev(device.major(), device.minor())) != 0) {
            throw lastError("create character device " + shown + " (" + device + ")");
        }
    }

    /** glibc's gnu_dev_makedev (sys/sysmacros.h): the 64-bit dev_t split of major and minor. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffL) << 8) | ((major & ~0xfffL) << 32)
                | (minor & 0xffL) | ((minor & ~0xffL) << 12);
    }

    static void kill(long pid, int signal) throws HostException {
        if (LIBC.kill(Math.toIntExact(pid), signal) != 0) {
            throw lastError("send signal " + signal + " to process " + pid);
        }
    }
}
