package io.unikernel.demo.scene;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one run of the demo holds: the Docker connection, the launcher, the image builder and the
 * DNS server it started. Closing it removes the demo's containers (when asked) and stops the DNS
 * server, which restores /etc/resolv.conf.
 */
public final class DemoSession implements AutoCloseable {
    /**
     * The session label of the demo's containers. Fixed rather than per process, so a console
     * started after a crashed one cleans up what the crashed one left.
     */
    public static final String SESSION = "demo";

    private final ContainerEngine engine;
    private final Path home;
    private final Path cache;
    private final Launcher launcher;
    private ContainerDns dns;
    private boolean closed;

    public DemoSession(ContainerEngine engine, Path home, Path cache) {
        this.engine = engine;
        this.home = home;
        this.cache = cache;
        this.launcher = new Launcher(engine, HostPaths.real(),
                () -> DnsServerState.running().map(InetAddress::getHostAddress), SESSION);
    }

    public ContainerEngine engine() {
        return engine;
    }

    public Path home() {
        return home;
    }

    Launcher launcher() {
        return launcher;
    }

    UnikernelImages images() {
        return new UnikernelImages(home, cache, engine.imageBuilds());
    }

    ManagedContainers containers() {
        return new ManagedContainers(engine, HostPaths.real());
    }

    /** Starts our DNS server unless one (ours or a 'docker-unikernel dns') already serves; says which. */
    synchronized String startDns(boolean hostResolv) throws IOException {
        if (dns != null) {
            return "DNS already serving on " + describe(dns);
        }
        Optional<InetAddress> other = DnsServerState.running();
        if (other.isPresent()) {
            return "DNS already served by another docker-unikernel on " + other.get().getHostAddress();
        }
        dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withHostResolv(hostResolv));
        return "DNS serving on " + describe(dns) + (hostResolv ? "; the host resolves container names" : "");
    }

    synchronized String stopDns() throws IOException {
        if (dns == null) {
            return "DNS was not started by this demo";
        }
        ContainerDns running = dns;
        dns = null;
        running.close();
        return "DNS stopped" + (running.options().hostResolv() ? "; /etc/resolv.conf restored" : "");
    }

    /** One line for the status bar. */
    public synchronized String dnsState() {
        if (dns != null) {
            return "DNS on " + describe(dns);
        }
        return DnsServerState.running().map(a -> "DNS on " + a.getHostAddress() + " (other process)").orElse("DNS off");
    }

    private static String describe(ContainerDns dns) {
        return dns.address().getAddress().getHostAddress() + ":" + dns.address().getPort();
    }

    /** Removes every container of the demo (also those a crashed earlier demo left). */
    public List<String> removeContainers() {
        return containers().removeAll(Optional.of(SESSION));
    }

    /** Stops the DNS server and closes the Docker connection; the containers stay unless removed before. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopDns();
        } finally {
            engine.close();
        }
    }
}
