package io.unikernel.demo.dns;

import io.unikernel.demo.docker.Ipv4Subnet;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Who the DNS server answers: clients on Docker's bridge networks (the default bridge, and the
 * networks compose makes for its projects) and the host itself (any of its own addresses).
 * Everyone else that can route to the bridge address, such as another network namespace routed
 * through the host, gets REFUSED: this is not an open resolver.
 */
public final class AllowedClients {
    /** A miss re-reads the host's addresses at most this often: a refused client cannot make us spin. */
    private static final long REFRESH_NANOS = 1_000_000_000L;

    private final Supplier<List<Ipv4Subnet>> readSubnets;
    private volatile List<Ipv4Subnet> subnets;
    private volatile Set<InetAddress> hostAddresses;
    private volatile long readAt;

    private AllowedClients(Supplier<List<Ipv4Subnet>> readSubnets) {
        this.readSubnets = readSubnets;
        this.subnets = List.copyOf(readSubnets.get());
        this.hostAddresses = readHostAddresses();
        this.readAt = System.nanoTime();
    }

    /** Clients in SUBNETS and the host. */
    public static AllowedClients subnetsAndHost(List<Ipv4Subnet> subnets) {
        Objects.requireNonNull(subnets, "subnets was not specified");
        List<Ipv4Subnet> fixed = List.copyOf(subnets);
        return new AllowedClients(() -> fixed);
    }

    /**
     * Clients in the subnets READ_SUBNETS gives and the host; read again on a miss, since networks
     * come and go while the server runs (compose makes one per project).
     */
    public static AllowedClients changingSubnetsAndHost(Supplier<List<Ipv4Subnet>> readSubnets) {
        Objects.requireNonNull(readSubnets, "readSubnets was not specified");
        return new AllowedClients(readSubnets);
    }

    public boolean allows(InetAddress client) {
        if (known(client)) {
            return true;
        }
        long now = System.nanoTime();
        if (now - readAt >= REFRESH_NANOS) {
            readAt = now;
            hostAddresses = readHostAddresses();
            try {
                subnets = List.copyOf(readSubnets.get());
            } catch (RuntimeException e) {
                // Docker unreachable for a moment: the subnets known so far still hold.
            }
            return known(client);
        }
        return false;
    }

    private boolean known(InetAddress client) {
        return client.isLoopbackAddress() || subnets.stream().anyMatch(s -> s.contains(client))
                || hostAddresses.contains(client);
    }

    public List<Ipv4Subnet> subnets() {
        return subnets;
    }

    private static Set<InetAddress> readHostAddresses() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(NetworkInterface::inetAddresses).collect(Collectors.toUnmodifiableSet());
        } catch (SocketException e) {
            // Without the list only loopback and the subnets count as ours: refusing is the safe side.
            return Set.of();
        }
    }

    @Override
    public String toString() {
        return "clients in " + subnets + " (Docker's bridge networks) and this host";
    }
}
