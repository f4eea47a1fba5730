package io.unikernel.demo.preflight;

import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Kvm;

/**
 * KVM makes guests boot in a fraction of a second; without it they still run, under TCG.
 *
 * <p>A present device is tested by creating a VM with it (KVM_GET_API_VERSION, KVM_CREATE_VM),
 * not by booting a guest with QEMU: the host need not have QEMU (it lives in the images), the
 * ioctls take milliseconds, and they fail exactly where a disabled or broken KVM fails
 * (VT-x/AMD-V off, a nested hypervisor without virtualisation, a device that is not KVM's).
 * Booting the real guest kernel is the runner's own probe in every container, which picks TCG
 * when that boot fails; {@code docker-unikernel ps} shows the accelerator it chose.
 */
final class KvmCheck implements HostCheck {
    static final String NO_KVM = "guests run under TCG software emulation: boots take seconds instead of a fraction";

    private final Kvm kvm;

    KvmCheck(Kvm kvm) {
        this.kvm = kvm;
    }

    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public Check run() {
        if (!kvm.present()) {
            return Check.warn(name(), "no " + kvm.device() + ": " + NO_KVM,
                    "enable VT-x/AMD-V in the firmware (or nested virtualisation for a VM), then 'sudo modprobe kvm_intel' or 'kvm_amd'");
        }
        try {
            int version = KvmIoctls.createVm(kvm.device());
            return Check.ok(name(), kvm.device() + " creates VMs (KVM API " + version + "): guests boot with KVM");
        } catch (HostException e) {
            return Check.warn(name(), e.getMessage() + ": " + NO_KVM,
                    "check 'dmesg | grep -i kvm' and that " + kvm.device() + " is KVM's device (character 10:232)");
        }
    }
}
