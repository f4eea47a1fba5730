package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.host.Kvm;

import java.nio.file.Path;

/**
 * Where the preflight looks: /proc, the KVM device, the DNS server's state directory and the
 * Docker daemon; tests point them at temporary files or a daemon that is not there.
 */
public record HostView(Path proc, Kvm kvm, Path dnsStateDir, String dockerHost) {
    public static HostView real() {
        return new HostView(Path.of("/proc"), Kvm.host(), DnsServerState.DEFAULT_DIR, DockerClients.host());
    }
}
