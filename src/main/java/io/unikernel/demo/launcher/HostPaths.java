package io.unikernel.demo.launcher;

import io.unikernel.demo.host.Kvm;

import java.nio.file.Path;

/** The host file-system roots the launcher reads; tests point them at temporary directories. */
public record HostPaths(Path proc, Kvm kvm) {
    public static HostPaths real() {
        return new HostPaths(Path.of("/proc"), Kvm.host());
    }
}
