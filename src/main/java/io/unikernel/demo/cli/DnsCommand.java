package io.unikernel.demo.cli;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.dns.ResolvConf;
import io.unikernel.demo.dns.ResolvRepair;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Privileges;

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
public final class DnsCommand implements Command {
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /**
     * Runs only this command, for scripts that start the server without the full CLI
     * ({@code java -cp ... io.unikernel.demo.cli.DnsCommand --port 15353}); Main is the usual door.
     */
    public static void main(String[] args) throws Exception {
        ResolvRepair.host().repair().ifPresent(line -> System.err.println("docker-unikernel: " + line));
        int status;
        try {
            status = new DnsCommand().run(List.of(args), System.out, System.err);
        } catch (UserError e) {
            System.err.println("docker-unikernel: " + e.getMessage());
            status = e.exitStatus();
        }
        System.exit(status);
    }

    @Override
    public String name() {
        return "dns";
    }

    @Override
    public String summary() {
        return "Serve container names by DNS on the docker bridge (replaces 'resolvable')";
    }

    @Override
    public String usage() {
        return """
                Usage: docker-unikernel dns [--host-resolv] [--port N] [--address IP]

                Answers every running container's name and hostname, bare and as NAME.docker,
                on the docker bridge address (UDP and TCP), from Docker's events; forwards all
                other names to the resolvers in /etc/resolv.conf. Runs in the foreground; stop
                it with Ctrl-C.

                Options:
                  --host-resolv     put this server first in /etc/resolv.conf, so the host
                                    resolves container names (curl http://nginx/); the file is
                                    restored byte for byte on exit, or on the next start after
                                    a crash
                  --port N          port to listen on (default 53; --host-resolv needs 53)
                  --address IP      address to listen on (default: the bridge gateway,
                                    e.g. 172.17.0.1); never the wildcard
                  --resolv-conf F   resolv.conf to read (and edit) instead of /etc/resolv.conf
                  --state-dir D     state directory (default /run/docker-unikernel)
                  -h, --help        print this text
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        ContainerDns.Options options = ContainerDns.Options.defaults();
        boolean hostResolv = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "-h", "--help" -> {
                    out.print(usage());
                    return 0;
                }
                case "--host-resolv" -> hostResolv = true;
                case "--port" -> options = options.withPort(port(value(args, ++i, arg)));
                case "--address" -> options = options.withAddress(address(value(args, ++i, arg)));
                case "--resolv-conf" -> options = options.withResolvConf(Path.of(value(args, ++i, arg)));
                case "--state-dir" -> options = options.withStateDir(Path.of(value(args, ++i, arg)));
                default -> throw new UserError("unknown argument '" + arg + "' for dns; see 'docker-unikernel dns --help'",
                        2, null);
            }
        }
        if (hostResolv && options.port() != ResolvConf.DNS_PORT) {
            throw new UserError("--host-resolv needs port 53 (resolv.conf cannot name a port), not " + options.port(),
                    2, null);
        }
        options = options.withHostResolv(hostResolv);
        requireRootFor(options);

        ContainerDns dns;
        try {
            dns = ContainerDns.start(DockerClients.connect(), options);
        } catch (IOException e) {
            throw new UserError(e.getMessage(), e);
        }
        ContainerDns running = dns;
        Thread hook = new Thread(() -> {
            try {
                running.close();
            } catch (IOException e) {
                err.println("docker-unikernel: " + e.getMessage());
            } finally {
                stopRequested.countDown();
            }
        }, "dns-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(describe(dns));
        out.flush();
        stopRequested.await();
        try {
            if (Runtime.getRuntime().removeShutdownHook(hook)) {
                running.close(); // stopped by stop(), not by a signal: the hook will not run
            }
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C or SIGTERM: the hook has closed everything.
        }
        return 0;
    }

    /** Stops a running {@link #run} as Ctrl-C would (for embedding and tests). */
    public void stop() {
        stopRequested.countDown();
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

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UserError(option + " needs a value; see 'docker-unikernel dns --help'", 2, null);
        }
        return args.get(i);
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
        throw new UserError("--port '" + text + "' is not a port number (1-65535)", 2, null);
    }

    private static InetAddress address(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+")) {
            throw new UserError("--address '" + text + "' is not an IP address", 2, null);
        }
        try {
            InetAddress address = InetAddress.getByName(text);
            if (address.isAnyLocalAddress()) {
                throw new UserError("--address " + text + " is the wildcard: that would make an open resolver; "
                        + "give the one address to serve on", 2, null);
            }
            return address;
        } catch (UnknownHostException e) {
            throw new UserError("--address '" + text + "' is not an IP address", 2, null);
        }
    }
}
