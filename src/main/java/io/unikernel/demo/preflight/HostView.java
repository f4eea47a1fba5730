package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.kvm.HostKvm;

import java.nio.file.Path;

/**
 * Where the preflight looks: /proc, the KVM device and its cached verdict, the DNS server's state directory and the
 * Docker daemon; tests point them at temporary files or a daemon that is not there.
 */
public record HostView(Path proc, Kvm kvm, Path kvmVerdict, Path dnsStateDir, String dockerHost) {
    public static HostView real() {
        return new HostView(Path.of("/proc"), Kvm.host(), HostKvm.defaultCacheFile(), DnsServerState.DEFAULT_DIR, DockerClients.host());
    }
}
