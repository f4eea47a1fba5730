package io.unikernel.demo.cli;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.dns.ResolvConf;
import io.unikernel.demo.dns.ResolvRepair;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Privileges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/** {@code docker-unikernel dns}: the container-name DNS server, in the foreground. */
@Command(name = "dns", sortOptions = false, sortSynopsis = false, description = {
        DnsCommand.SUMMARY,
        "",
        "Answers every running container's name and hostname, bare and as NAME.docker, on the docker bridge "
                + "address (UDP and TCP), from Docker's events; forwards all other names to the resolvers in "
                + "/etc/resolv.conf. Runs in the foreground; stop it with Ctrl-C."})
public final class DnsCommand implements Action {
    static final String SUMMARY = "Serve container names by DNS on the docker bridge (replaces 'resolvable')";
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    @Option(names = "--host-resolv", description = {"Put this server first in /etc/resolv.conf, so the host resolves "
            + "container names (curl http://nginx/); the file is restored byte for byte on exit, or on the next start "
            + "after a crash"})
    private boolean hostResolv;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 53; --host-resolv needs 53)")
    private String port;

    @Option(names = "--address", paramLabel = "IP", description = "Address to listen on (default: the bridge gateway, "
            + "e.g. 172.17.0.1); never the wildcard")
    private String address;

    @Option(names = "--resolv-conf", paramLabel = "F", description = "resolv.conf to read (and edit) instead of "
            + "/etc/resolv.conf")
    private Path resolvConf;

    @Option(names = "--state-dir", paramLabel = "D", description = "State directory (default /run/docker-unikernel)")
    private Path stateDir;

    @Mixin
    private HelpOption help;

    /**
     * Runs only this command, for scripts that start the server without the full CLI
     * ({@code java -cp ... io.unikernel.demo.cli.DnsCommand --port 15353}); Main is the usual door.
     */
    public static void main(String[] args) {
        ResolvRepair.host().repair().ifPresent(line -> System.err.println(Main.PROGRAM + ": " + line));
        System.exit(Main.run(new ParsedCommand("dns", SUMMARY, DnsCommand::new), List.of(args), System.out, System.err));
    }

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        ContainerDns.Options options = ContainerDns.Options.defaults();
        if (port != null) {
            options = options.withPort(port(port));
        }
        if (address != null) {
            options = options.withAddress(address(address));
        }
        if (resolvConf != null) {
            options = options.withResolvConf(resolvConf);
        }
        if (stateDir != null) {
            options = options.withStateDir(stateDir);
        }
        if (hostResolv && options.port() != ResolvConf.DNS_PORT) {
            throw new UserError("--host-resolv needs port 53 (resolv.conf cannot name a port), not " + options.port(),
                    ParsedCommand.USAGE_ERROR, null);
        }
        options = options.withHostResolv(hostResolv);
        requireRootFor(options);

        ContainerEngine engine = ContainerEngine.connect();
        ContainerDns dns;
        try {
            dns = ContainerDns.start(engine, options);
        } catch (IOException e) {
            engine.close();
            throw new UserError(e.getMessage(), e);
        }
        ContainerDns running = dns;
        Thread hook = new Thread(() -> {
            try {
                running.close();
            } catch (IOException e) {
                err.println("docker-unikernel: " + e.getMessage());
            } finally {
                engine.close();
                stopRequested.countDown();
            }
        }, "dns-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(describe(dns));
        out.flush();
        // Only Ctrl-C or SIGTERM end it: the hook has closed everything by the time this returns.
        stopRequested.await();
        return 0;
    }

    static String describe(ContainerDns dns) {
        InetSocketAddress at = dns.address();
        String upstreams = dns.upstreams().isEmpty() ? "nowhere (no usable nameserver in "
                + dns.options().resolvConf() + ": other names get SERVFAIL)"
                : dns.upstreams().stream().map(s -> s.getAddress().getHostAddress() + ":" + s.getPort())
                        .collect(Collectors.joining(", "));
        return "DNS server listening on " + at.getAddress().getHostAddress() + ":" + at.getPort()
                + " (udp, tcp), answering the names of running containers (NAME, HOSTNAME, NAME.docker; "
                + dns.names().size() + " now); forwarding other names to " + upstreams
                + (dns.options().hostResolv() ? "; first nameserver in " + dns.options().resolvConf()
                        + " until exit" : "");
    }

    private static void requireRootFor(ContainerDns.Options options) throws HostException {
        boolean needsRoot = options.port() < 1024 || options.hostResolv()
                || options.stateDir().equals(DnsServerState.DEFAULT_DIR) && !Files.isWritable(options.stateDir().getParent());
        if (needsRoot && !Privileges.isRoot()) {
            throw new UserError("Failed to start the DNS server: port " + options.port() + ", "
                    + options.stateDir() + (options.hostResolv() ? " and " + options.resolvConf() : "")
                    + " need root; hint: run it with sudo", 1, null);
        }
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // Reported below.
        }
        throw new UserError("--port '" + text + "' is not a port number (1-65535)", ParsedCommand.USAGE_ERROR, null);
    }

    private static InetAddress address(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            throw new UserError("--address '" + text + "' is not an IP address", ParsedCommand.USAGE_ERROR, null);
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (address.isAnyLocalAddress()) {
                throw new UserError("--address " + text + " is the wildcard: that would make an open resolver; "
                        + "give the one address to serve on", ParsedCommand.USAGE_ERROR, null);
            }
            return address;
        } catch (UnknownHostException e) {
            throw new UserError("--address '" + text + "' is not an IP address", ParsedCommand.USAGE_ERROR, null);
        }
    }
}
