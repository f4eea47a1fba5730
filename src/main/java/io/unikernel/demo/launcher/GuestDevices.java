package io.unikernel.demo.launcher;

import io.unikernel.demo.host.DeviceRule;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.ProcDevices;
import io.unikernel.demo.kvm.KvmVerdict;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a unikernel container is given, however it is started (step 1 of the contract): the
 * cgroup rule for every macvtap tap device, whose node the plumbing creates later,
 * {@code /dev/kvm} only when the host's verdict says guests run with it, and the environment
 * that hands the verdict to the runner.
 */
public record GuestDevices(DeviceRule macvtap, Optional<Path> kvm, List<String> env) {
    public GuestDevices {
        env = List.copyOf(env);
    }

    /**
     * @param verdict the host's KVM verdict; empty when it cannot be decided yet (no probe image):
     *                the runner then gets the device, if any, and probes for itself
     */
    public static GuestDevices of(HostPaths paths, Optional<KvmVerdict> verdict) throws HostException {
        int major = new ProcDevices(paths.proc()).macvtapMajor();
        boolean kvm = verdict.map(KvmVerdict::kvm).orElse(paths.kvm().present());
        return new GuestDevices(DeviceRule.allMinorsOf(major), kvm ? Optional.of(paths.kvm().device()) : Optional.empty(),
                verdict.map(KvmVerdict::env).orElse(List.of()));
    }
}
