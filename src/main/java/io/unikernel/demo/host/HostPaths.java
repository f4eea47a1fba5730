package io.unikernel.demo.host;

import io.unikernel.demo.kvm.HostKvm;

import java.nio.file.Path;

/**
 * The host file-system roots the launcher reads, the KVM device and where its verdict is kept;
 * tests point them at temporary directories.
 */
public record HostPaths(Path proc, Kvm kvm, Path kvmVerdict) {
    public HostPaths(Path proc, Kvm kvm) {
        this(proc, kvm, HostKvm.defaultCacheFile());
    }

    public static HostPaths real() {
        return new HostPaths(Path.of("/proc"), Kvm.host());
    }

    /** The same host as if it had no KVM device: guests run under TCG without asking the device. */
    public HostPaths withoutKvm() {
        return new HostPaths(proc, kvm.hide(), kvmVerdict);
    }
}
