package io.unikernel.demo.preflight;

import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.kvm.HostKvm;
import io.unikernel.demo.kvm.KvmVerdict;

import java.util.Optional;

/**
 * KVM makes guests boot in a fraction of a second; without it they still run, under TCG. The
 * line says what was really tried: the host's verdict, from booting a probe guest with KVM (or
 * from the cache of that verdict), never the mere presence of the device.
 */
final class KvmCheck implements HostCheck {
    static final String TCG = "guests run under TCG software emulation: boots take seconds instead of a fraction";

    private final HostKvm kvm;

    KvmCheck(HostKvm kvm) {
        this.kvm = kvm;
    }

    @Override
    public String name() {
        return "kvm";
    }

    @Override
    public Check run() {
        Optional<KvmVerdict> decided;
        try {
            decided = kvm.verdict();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.warn(name(), "not tried: interrupted", "");
        }
        if (decided.isEmpty()) {
            return Check.warn(name(), "KVM present but not tried: no " + UnikernelImages.KVM_PROBE
                    + " image to boot (each guest probes for itself until then)", "./docker-unikernel build nginx");
        }
        KvmVerdict verdict = decided.get();
        if (verdict.kvm()) {
            return Check.ok(name(), "KVM works (probe guest booted in " + verdict.probe().toMillis() + " ms)");
        }
        if (!kvm.device().present()) {
            return Check.warn(name(), verdict.reason() + ": " + TCG, kvm.device().hidden()
                    ? "unset " + Kvm.HIDE_ENV
                    : "enable VT-x/AMD-V in the firmware (or nested virtualisation for a VM), then 'sudo modprobe kvm_intel' or 'kvm_amd'");
        }
        String tried = verdict.probe().isZero() ? verdict.reason() : "probe: " + verdict.reason();
        return Check.warn(name(), "KVM present but cannot run guests (" + tried + "): guests run under TCG",
                "check 'dmesg | grep -i kvm' and nested virtualisation on the hypervisor; then delete "
                        + kvm.cacheFile() + " to probe again");
    }
}
