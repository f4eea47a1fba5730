package io.unikernel.demo.kvm;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Whether guests run with KVM on this host, why, and how long the probe guest took to boot
 * (zero when no probe ran, e.g. without a device).
 */
public record KvmVerdict(boolean kvm, String reason, Duration probe) {
    /** What the runner reads (guest/runtime/runner): kvm or tcg. */
    public static final String ACCEL_ENV = "UNIKERNEL_ACCEL";
    public static final String REASON_ENV = "UNIKERNEL_ACCEL_REASON";

    public KvmVerdict {
        Objects.requireNonNull(reason, "reason was not specified");
        Objects.requireNonNull(probe, "probe was not specified");
    }

    public static KvmVerdict tcg(String reason) {
        return new KvmVerdict(false, reason, Duration.ZERO);
    }

    /** QEMU's name for it, as {@code ps} and the state table show it. */
    public String accelerator() {
        return kvm ? "kvm" : "tcg";
    }

    /** The container's environment that hands the verdict to the runner. */
    public List<String> env() {
        return List.of(ACCEL_ENV + "=" + accelerator(), REASON_ENV + "=" + reason);
    }

    /**
     * The probe's one line, {@code kvm|tcg MILLISECONDS REASON} (guest/runtime/kvm-probe).
     *
     * @throws IllegalArgumentException naming the line when it is not that
     */
    static KvmVerdict parse(String line) {
        String[] words = line.strip().split(" ", 3);
        if (words.length < 3 || !(words[0].equals("kvm") || words[0].equals("tcg")) || !words[1].matches("\\d{1,9}")) {
            throw new IllegalArgumentException("the KVM probe printed \"" + line.strip() + "\", not \"kvm|tcg MILLISECONDS REASON\"");
        }
        return new KvmVerdict(words[0].equals("kvm"), words[2], Duration.ofMillis(Long.parseLong(words[1])));
    }
}
