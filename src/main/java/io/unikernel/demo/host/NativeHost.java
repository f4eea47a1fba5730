package io.unikernel.demo.host;

import jnr.posix.FileStat;

/** The system calls of this package that Java has no API for, as typed methods over {@link Libc} and {@link Posix}. */
final class NativeHost {
    /** S_IFCHR from sys/stat.h. */
    static final int S_IFCHR = 0020000;

    private NativeHost() {
    }

    /** Binds both libraries now (jnr-ffi generates their stubs on first use). */
    static void load() {
        Libc.functions();
        Posix.posix();
    }

    static boolean isTerminal(int fd) {
        return Posix.posix().isatty(fd) == 1;
    }

    /**
     * kill(2): a negative pid signals that whole process group. Returns false when there was no
     * such process or group (nothing left to signal); other failures throw.
     */
    static boolean kill(int pid, int signal) throws HostException {
        if (Posix.posix().kill(pid, signal) == 0) {
            return true;
        }
        SystemCallException failure = SystemCallException.ofLastCall(
                "send signal " + signal + " to " + (pid < 0 ? "process group " + -pid : "process " + pid));
        if (failure.errno() == SystemCallException.ESRCH) {
            return false;
        }
        throw failure;
    }

    static void kill(long pid, int signal) throws HostException {
        if (Posix.posix().kill(Math.toIntExact(pid), signal) != 0) {
            throw SystemCallException.ofLastCall("send signal " + signal + " to process " + pid);
        }
    }

    /** openat2's number, the same on every architecture (include/uapi/asm-generic/unistd.h). */
    static final long SYS_OPENAT2 = 437;
    /** AT_FDCWD from fcntl.h: a relative path starts at the working directory. */
    static final int AT_FDCWD = -100;

    /** openat2(2): a new descriptor, or the errno (ELOOP for a refused link) in the exception. */
    static int openat2(int dirfd, String path, OpenHow how, String shown) throws SystemCallException {
        long fd = Libc.functions().syscall(SYS_OPENAT2, dirfd, path, how.bytes(), OpenHow.SIZE);
        if (fd < 0) {
            throw SystemCallException.ofLastCall("open " + shown);
        }
        return (int) fd;
    }

    /** open(2) of a path as it is; {@code flags} as fcntl.h has them. */
    static int open(String path, int flags, String shown) throws SystemCallException {
        int fd = Posix.posix().open(path, flags, 0);
        if (fd < 0) {
            throw SystemCallException.ofLastCall("open " + shown);
        }
        return fd;
    }

    static int fileMode(int fd, String shown) throws SystemCallException {
        FileStat stat = Posix.posix().allocateStat();
        if (Posix.posix().fstat(fd, stat) != 0) {
            throw SystemCallException.ofLastCall("look at " + shown);
        }
        return stat.mode();
    }

    /** close(2), for a descriptor whose close cannot lose data (O_PATH, namespaces, devices). */
    static void close(int fd) {
        Posix.posix().close(fd);
    }

    /** close(2), where a failure is worth a message. */
    static void close(int fd, String operation) throws SystemCallException {
        if (Posix.posix().close(fd) != 0) {
            throw SystemCallException.ofLastCall(operation);
        }
    }

    /** mknodat(2) of a character device; the name is not followed if it is a link (it then exists: EEXIST). */
    static void mknodCharDeviceAt(int dirfd, String name, int permissions, DeviceNumber device, String shown)
            throws SystemCallException {
        if (Libc.functions().mknodat(dirfd, name, S_IFCHR | permissions, makedev(device.major(), device.minor())) != 0) {
            throw SystemCallException.ofLastCall("create character device " + shown + " (" + device + ")");
        }
    }

    /** glibc's gnu_dev_makedev (sys/sysmacros.h): the 64-bit dev_t split of major and minor. */
    static long makedev(long major, long minor) {
        return ((major & 0xfffL) << 8) | ((major & ~0xfffL) << 32)
                | (minor & 0xffL) | ((minor & ~0xffL) << 12);
    }
}
