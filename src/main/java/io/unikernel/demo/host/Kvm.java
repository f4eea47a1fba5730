package io.unikernel.demo.host;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's KVM device. Its presence only means a probe guest can be tried with it; whether
 * guests really run with KVM is the host's verdict ({@code io.unikernel.demo.kvm.HostKvm}).
 *
 * @param hidden the launcher acts as if the host had no device ({@value #HIDE_ENV}=off): the
 *               benchmark compares both, and a user can rule KVM out without unloading it
 */
public record Kvm(Path device, boolean hidden) {
    public static final Path DEFAULT_DEVICE = Path.of("/dev/kvm");
    public static final String HIDE_ENV = "UNIKERNEL_KVM";

    public Kvm(Path device) {
        this(device, false);
    }

    public static Kvm host() {
        return new Kvm(DEFAULT_DEVICE, "off".equals(System.getenv(HIDE_ENV)));
    }

    public Kvm hide() {
        return new Kvm(device, true);
    }

    public boolean present() {
        return !hidden && Files.exists(device) && !Files.isDirectory(device);
    }

    /** Why the device is not used, when {@link #present()} is false. */
    public String absence() {
        return hidden ? device + " hidden from the launcher (" + HIDE_ENV + "=off)" : "no " + device + " on the host";
    }
}
