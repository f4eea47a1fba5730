package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.host.HostException;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The container-name DNS server needs port 53 on the docker bridge, UDP and TCP: guests' resolvers
 * cannot be told another port. Taken is fine when our own server holds it.
 */
final class DnsPortCheck implements HostCheck {
    private final Supplier<InetAddress> address;
    private final int port;
    private final Path stateDir;

    /** @param address the bridge gateway, asked only when the check runs (it needs Docker) */
    DnsPortCheck(Supplier<InetAddress> address, int port, Path stateDir) {
        this.address = address;
        this.port = port;
        this.stateDir = stateDir;
    }

    @Override
    public String name() {
        return "port " + port;
    }

    @Override
    public Check run() throws HostException {
        InetAddress at = address.get();
        String where = at.getHostAddress() + ":" + port;
        List<String> taken = new ArrayList<>();
        if (!udpFree(at)) {
            taken.add("udp");
        }
        if (!tcpFree(at)) {
            taken.add("tcp");
        }
        if (taken.isEmpty()) {
            return Check.ok(name(), "free on " + where + " (udp, tcp) for the DNS server");
        }
        Optional<DnsServerState> ours = DnsServerState.read(stateDir)
                .filter(s -> s.port() == port && s.address().equals(at) && s.isAlive());
        if (ours.isPresent()) {
            return Check.ok(name(), "served on " + where + " by our DNS server (docker-unikernel dns, pid " + ours.get().pid() + ")");
        }
        return Check.fail(name(), where + " (" + String.join(", ", taken) + ") is taken by another program:"
                        + " the DNS server cannot answer container names",
                "find it with ss -lunp 'sport = :" + port + "' (and ss -ltnp), then stop it");
    }

    private boolean udpFree(InetAddress at) throws HostException {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.bind(new InetSocketAddress(at, port));
            return true;
        } catch (IOException e) {
            return inUse(e, "udp", at);
        }
    }

    private boolean tcpFree(InetAddress at) throws HostException {
        try (ServerSocket socket = new ServerSocket()) {
            // A closed connection's TIME_WAIT must not count as taken: the DNS server reuses the address too.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(at, port), 1);
            return true;
        } catch (IOException e) {
            return inUse(e, "tcp", at);
        }
    }

    /** False for "in use"; anything else (no permission, address not here) means the check cannot tell. */
    private boolean inUse(IOException e, String protocol, InetAddress at) throws HostException {
        if (e instanceof BindException && String.valueOf(e.getMessage()).contains("in use")) {
            return false;
        }
        throw new HostException("Failed to try binding " + protocol + " " + at.getHostAddress() + ":" + port + ": "
                + e.getMessage() + (port < 1024 ? " (ports below 1024 need root)" : ""), e);
    }
}
