package io.unikernel.demo.host;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The host's KVM device. Its presence only means it can be passed to containers; whether a
 * guest really boots with it is decided by the runner inside the container, with a probe.
 */
public record Kvm(Path device) {
    public static final Path DEFAULT_DEVICE = Path.of("/dev/kvm");

    public static Kvm host() {
        return new Kvm(DEFAULT_DEVICE);
    }

    public boolean present() {
        return Files.exists(device) && !Files.isDirectory(device);
    }

    /**
     * Whether our containers get the device: the one question both the launcher and the OCI
     * runtime ask. For now its presence; the host's KVM verdict (does a guest really boot with
     * it?) belongs here.
     */
    public boolean passThrough() {
        return present();
    }
}
