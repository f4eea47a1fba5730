package io.unikernel.demo.kvm;

import io.unikernel.demo.host.HostException;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.Variadic;

import java.nio.file.Path;

/** The two KVM ioctls asked of /dev/kvm before a probe guest is booted, through libc (jnr-ffi). */
final class KvmIoctls {
    /** KVM_API_VERSION from linux/kvm.h: the only version there has been since Linux 2.6.22. */
    static final int API_VERSION = 12;
    /** _IO(KVMIO, 0x00) and _IO(KVMIO, 0x01), KVMIO being 0xAE. */
    private static final long KVM_GET_API_VERSION = 0xAE00;
    private static final long KVM_CREATE_VM = 0xAE01;
    private static final int O_RDWR = 02;
    private static final int O_CLOEXEC = 02000000;

    public interface LibC {
        int open(String path, int flags);

        // ioctl(2) is variadic: the third argument must be passed the variadic way.
        @Variadic(fixedCount = 2)
        int ioctl(int fd, long request, long arg);

        int close(int fd);

        String strerror(int errnum);
    }

    /** Bound on first use: a preflight on a host without /dev/kvm never loads it. */
    private static final class Holder {
        static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
        static final Runtime RUNTIME = Runtime.getRuntime(LIBC);
    }

    private KvmIoctls() {
    }

    /**
     * Opens the device, reads its API version and creates (then drops) a VM: what QEMU does
     * first with {@code -accel kvm}. Returns the API version.
     */
    static int createVm(Path device) throws HostException {
        LibC libc = Holder.LIBC;
        int fd = libc.open(device.toString(), O_RDWR | O_CLOEXEC);
        if (fd < 0) {
            throw lastError("open " + device);
        }
        try {
            int version = libc.ioctl(fd, KVM_GET_API_VERSION, 0);
            if (version < 0) {
                throw lastError("ask " + device + " for its KVM API version (is it a KVM device?)");
            }
            if (version != API_VERSION) {
                throw new HostException(device + " speaks KVM API " + version + ", not " + API_VERSION);
            }
            int vm = libc.ioctl(fd, KVM_CREATE_VM, 0);
            if (vm < 0) {
                throw lastError("create a VM with " + device);
            }
            libc.close(vm);
            return version;
        } finally {
            libc.close(fd);
        }
    }

    private static HostException lastError(String action) {
        int errno = Holder.RUNTIME.getLastError();
        return new HostException("Failed to " + action + ": " + Holder.LIBC.strerror(errno) + " (errno " + errno + ")");
    }
}
