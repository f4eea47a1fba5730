package io.unikernel.demo.kvm;

import io.unikernel.demo.host.DeviceFile;
import io.unikernel.demo.host.HostException;

import java.nio.file.Path;

/** The two KVM ioctls asked of /dev/kvm before a probe guest is booted. */
final class KvmIoctls {
    /** KVM_API_VERSION from linux/kvm.h: the only version there has been since Linux 2.6.22. */
    static final int API_VERSION = 12;
    /** _IO(KVMIO, 0x00) and _IO(KVMIO, 0x01), KVMIO being 0xAE. */
    private static final long KVM_GET_API_VERSION = 0xAE00;
    private static final long KVM_CREATE_VM = 0xAE01;

    private KvmIoctls() {
    }

    /**
     * Opens the device, reads its API version and creates (then drops) a VM: what QEMU does
     * first with {@code -accel kvm}. Returns the API version.
     */
    static int createVm(Path device) throws HostException {
        try (DeviceFile kvm = DeviceFile.openReadWrite(device)) {
            int version = kvm.ioctl(KVM_GET_API_VERSION, "ask " + device + " for its KVM API version (is it a KVM device?)");
            if (version != API_VERSION) {
                throw new HostException(device + " speaks KVM API " + version + ", not " + API_VERSION);
            }
            try (DeviceFile vm = kvm.ioctlForFile(KVM_CREATE_VM, "create a VM with " + device)) {
                return version;
            }
        }
    }
}
