package io.unikernel.demo.dns;

import io.unikernel.demo.docker.BridgeNetwork;
import io.unikernel.demo.docker.ContainerEngine;
import org.tinylog.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The 2015 {@code resolvable} container, as one object: container names from Docker events,
 * served by a {@link DnsServer} on the docker bridge address, everything else forwarded to
 * the host's resolvers; optionally first in the host's resolv.conf; announced in the state
 * file. {@link #close()} undoes all of it.
 *
 * <pre>{@code
 * try (ContainerDns dns = ContainerDns.start(engine, ContainerDns.Options.defaults())) {
 *     ... dns.address() ...
 * }
 * }</pre>
 */
public final class ContainerDns implements AutoCloseable {
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DOCKER_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How to run. ADDRESS null means the bridge gateway; RESOLV_CONF is read for upstreams
     * (and edited when HOST_RESOLV); STATE_DIR holds the state file and the resolv.conf backup.
     */
    public record Options(InetAddress address, int port, boolean hostResolv, Path resolvConf, Path stateDir) {
        public static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

        public Options {
            Objects.requireNonNull(resolvConf, "resolvConf was not specified");
            Objects.requireNonNull(stateDir, "stateDir was not specified");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
            if (hostResolv && port != ResolvConf.DNS_PORT) {
                throw new IllegalArgumentException("--host-resolv needs port 53 (resolv.conf cannot name a port), not "
                        + port);
            }
            if (address != null && address.isAnyLocalAddress()) {
                throw new IllegalArgumentException("address " + address.getHostAddress()
                        + " is the wildcard: that would make an open resolver; give one address");
            }
        }

        /** Bridge gateway, port 53, /etc/resolv.conf untouched, state in /run/docker-unikernel. */
        public static Options defaults() {
            return new Options(null, ResolvConf.DNS_PORT, false, RESOLV_CONF, DnsServerState.DEFAULT_DIR);
        }

        public Options withAddress(InetAddress value) {
            return new Options(value, port, hostResolv, resolvConf, stateDir);
        }

        public Options withPort(int value) {
            return new Options(address, value, hostResolv, resolvConf, stateDir);
        }

        public Options withHostResolv(boolean value) {
            return new Options(address, port, value, resolvConf, stateDir);
        }

        public Options withResolvConf(Path value) {
            return new Options(address, port, hostResolv, value, stateDir);
        }

        public Options withStateDir(Path value) {
            return new Options(address, port, hostResolv, resolvConf, value);
        }
    }

    private final Options options;
    private final AtomicReference<NameTable> names;
    private final Upstream upstream;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private DnsServer server;
    private DnsServerState state;
    private boolean closed;

    private ContainerDns(Options options, AtomicReference<NameTable> names, Upstream upstream) {
        this.options = options;
        this.names = names;
        this.upstream = upstream;
    }

    /** Starts everything; on failure undoes what was done and throws with a hint. DOCKER stays the caller's to close. */
    public static ContainerDns start(ContainerEngine docker, Options options) throws IOException {
        Objects.requireNonNull(docker, "docker was not specified");
        Objects.requireNonNull(options, "options was not specified");
        InetAddress address = options.address() != null ? options.address() : bridgeGateway(docker);
        InetSocketAddress bind = new InetSocketAddress(address, options.port());

        new ResolvRepair(options.resolvConf(), options.stateDir()).repair().ifPresent(Logger::warn);
        List<InetSocketAddress> upstreams = upstreamsOf(ResolvConf.read(options.resolvConf()), bind);
        AtomicReference<NameTable> names = new AtomicReference<>(NameTable.empty());
        ContainerDns dns = new ContainerDns(options, names, new Upstream(upstreams, UPSTREAM_TIMEOUT));
        try {
            try {
                dns.parts.add(ContainerWatcher.start(docker, names::set, DOCKER_TIMEOUT));
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; hint: is dockerd running at " + docker.host()
                        + "? (start it, or set DOCKER_HOST)", e);
            }
            dns.server = DnsServer.start(bind, new QueryAnswerer(names::get, dns.upstream), allowedClients(docker));
            dns.parts.add(dns.server);
            // The state file first: a backup of resolv.conf without a live server's state is one a
            // killed server left, and any start of the CLI puts it back (ResolvRepair).
            dns.state = new DnsServerState(ProcessHandle.current().pid(), address, options.port());
            dns.state.write(options.stateDir());
            if (options.hostResolv()) {
                dns.parts.add(HostResolv.install(options.resolvConf(), options.stateDir(), address));
            }
        } catch (IOException | RuntimeException e) {
            dns.close();
            throw e;
        }
        Logger.debug("Serving {} container names on {}, forwarding to {}", names.get().size(), bind, upstreams);
        return dns;
    }

    /**
     * The upstreams from resolv.conf, without the server itself: its own address and, when it
     * listens on loopback, any loopback nameserver (which could be it again).
     */
    static List<InetSocketAddress> upstreamsOf(ResolvConf resolvConf, InetSocketAddress self) {
        List<InetSocketAddress> result = new ArrayList<>();
        boolean selfOnLoopback = self.getAddress().isLoopbackAddress();
        for (InetSocketAddress server : resolvConf.socketAddresses()) {
            InetAddress a = server.getAddress();
            boolean itself = a.equals(self.getAddress()) || (selfOnLoopback && a.isLoopbackAddress()
                    && server.getPort() == self.getPort());
            if (itself) {
                Logger.debug("Not forwarding to {}: that is this server", a.getHostAddress());
            } else if (!result.contains(server)) {
                result.add(server);
            }
        }
        return result;
    }

    private static AllowedClients allowedClients(ContainerEngine docker) throws IOException {
        try {
            docker.bridgeSubnets();
            return AllowedClients.changingSubnetsAndHost(docker::allBridgeSubnets);
        } catch (RuntimeException e) {
            throw new IOException("Failed to read the subnet of docker network '" + BridgeNetwork.NAME + "': "
                    + e.getMessage() + "; hint: check 'docker network inspect " + BridgeNetwork.NAME + "'", e);
        }
    }

    private static InetAddress bridgeGateway(ContainerEngine docker) throws IOException {
        try {
            return docker.bridgeGateway();
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IOException("Failed to connect to Docker at " + docker.host() + ": "
                    + (root.getMessage() == null ? root.toString() : root.getMessage())
                    + "; hint: start dockerd (or set DOCKER_HOST to where it listens)", e);
        }
    }

    /** Where the server listens. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** The resolvers other names are forwarded to (from the original resolv.conf). */
    public List<InetSocketAddress> upstreams() {
        return upstream.servers();
    }

    /** The names answered right now. */
    public NameTable names() {
        return names.get();
    }

    public Options options() {
        return options;
    }

    /** Restores resolv.conf, stops the server and the event stream, removes the state file. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            } catch (Exception e) {
                Logger.warn("Failed to stop {}: {}", parts.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        // Last: while the state file names a live server, nobody takes resolv.conf's backup for a crash's.
        if (state != null) {
            try {
                state.remove(options.stateDir());
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
