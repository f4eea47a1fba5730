package io.unikernel.demo.host;

import java.nio.file.Path;

/**
 * Where this host keeps what the tool reads and writes: /proc, the KVM device, its verdict in the image cache and the
 * run-time state directory of the DNS server; tests point them at temporary files.
 */
public record HostPaths(Path proc, Kvm kvm, Path kvmVerdict, Path dnsStateDir) {
    /** Our run-time state: the DNS server's state file, the demo session's lock. */
    public static final Path RUN_DIR = Path.of("/run/docker-unikernel");
    /** The variable that moves the image cache elsewhere. */
    public static final String CACHE_ENV = "UNIKERNEL_CACHE";
    /** The host's KVM verdict, a file in the image cache. */
    public static final String KVM_VERDICT_FILE = "kvm-verdict.properties";

    public HostPaths(Path proc, Kvm kvm, Path kvmVerdict) {
        this(proc, kvm, kvmVerdict, RUN_DIR);
    }

    public HostPaths(Path proc, Kvm kvm) {
        this(proc, kvm, cache().resolve(KVM_VERDICT_FILE));
    }

    public static HostPaths real() {
        return new HostPaths(Path.of("/proc"), Kvm.host());
    }

    /** The image cache ($UNIKERNEL_CACHE, default /var/cache/docker-unikernel): built images and the KVM verdict. */
    public static Path cache() {
        String env = System.getenv(CACHE_ENV);
        return Path.of(env == null || env.isBlank() ? "/var/cache/docker-unikernel" : env);
    }

    /** The same host as if it had no KVM device: guests run under TCG without asking the device. */
    public HostPaths withoutKvm() {
        return new HostPaths(proc, kvm.hide(), kvmVerdict, dnsStateDir);
    }
}
