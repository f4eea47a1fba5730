package io.unikernel.demo.host;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code struct open_how} of openat2(2) (include/uapi/linux/openat2.h): {@code __u64 flags, mode,
 * resolve}, in that order, 24 bytes in the host's byte order. The kernel refuses unknown bits
 * and, without O_CREAT, a non-zero mode (EINVAL).
 */
record OpenHow(long flags, long mode, long resolve) {
    static final int SIZE = 24;

    // Open flags for x86-64 (include/uapi/asm-generic/fcntl.h), octal as there.
    static final long O_WRONLY = 01;
    static final long O_CREAT = 0100;
    static final long O_EXCL = 0200;
    static final long O_NOCTTY = 0400;
    static final long O_DIRECTORY = 0200000;
    static final long O_NOFOLLOW = 0400000;
    static final long O_CLOEXEC = 02000000;
    static final long O_PATH = 010000000;

    // Resolve flags (include/uapi/linux/openat2.h).
    /** Magic links (/proc/PID/fd/N, /proc/PID/root) are refused with ELOOP. */
    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    /** Every symbolic link is refused with ELOOP, except a trailing one under O_PATH | O_NOFOLLOW. */
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    /** The directory is the root: "/" and ".." in the path and in links never leave it. */
    static final long RESOLVE_IN_ROOT = 0x10;

    /** An O_PATH descriptor of the path itself, a link included: for looking at what is there. */
    static OpenHow pathOnly(long resolve) {
        return new OpenHow(O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, resolve);
    }

    byte[] bytes() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.nativeOrder())
                .putLong(flags).putLong(mode).putLong(resolve).array();
    }
}
