package io.unikernel.demo.launcher;

import io.unikernel.demo.host.DeviceRule;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.ProcDevices;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The devices a unikernel container needs, however it is started (step 1 of the contract): the
 * cgroup rule for every macvtap tap device, whose node the plumbing creates later, and
 * {@code /dev/kvm} when the host passes it through.
 */
public record GuestDevices(DeviceRule macvtap, Optional<Path> kvm) {
    public static GuestDevices of(HostPaths paths) throws HostException {
        int major = new ProcDevices(paths.proc()).macvtapMajor();
        return new GuestDevices(DeviceRule.allMinorsOf(major),
                paths.kvm().passThrough() ? Optional.of(paths.kvm().device()) : Optional.empty());
    }
}
