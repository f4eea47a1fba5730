package io.unikernel.demo.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The open DNS-over-TCP connections, bounded per client and in all. A new connection is always
 * taken: when its client (or the server) is at the bound, the connection idle the longest is
 * closed to make room (RFC 7766 6.2.3 lets a server close idle connections under load), so idle
 * connections cannot starve anyone. Only when every connection is in the middle of a query is
 * the new one turned away.
 */
final class TcpConnections {
    /** One client connection: idle while waiting for a query, busy while answering one. */
    static final class Connection {
        private final Socket socket;
        private final InetAddress client;
        private volatile long idleSince = System.nanoTime();
        private volatile boolean busy;

        private Connection(Socket socket) {
            this.socket = socket;
            this.client = ((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress();
        }

        Socket socket() {
            return socket;
        }

        InetAddress client() {
            return client;
        }

        void busy() {
            busy = true;
        }

        void idle() {
            busy = false;
            idleSince = System.nanoTime();
        }
    }

    private final int perClient;
    private final int total;
    private final List<Connection> open = new ArrayList<>();

    TcpConnections(int perClient, int total) {
        if (perClient < 1 || total < perClient) {
            throw new IllegalArgumentException("bounds " + perClient + " per client, " + total + " in all do not fit");
        }
        this.perClient = perClient;
        this.total = total;
    }

    /** Registers SOCKET, closing the longest-idle connection if a bound is reached; empty if all are busy. */
    Optional<Connection> admit(Socket socket) {
        Connection fresh = new Connection(socket);
        Connection evicted;
        synchronized (this) {
            evicted = null;
            if (count(c -> c.client.equals(fresh.client)) >= perClient) {
                evicted = longestIdle(c -> c.client.equals(fresh.client));
            } else if (open.size() >= total) {
                evicted = longestIdle(c -> true);
            } else {
                open.add(fresh);
                return Optional.of(fresh);
            }
            if (evicted == null) {
                return Optional.empty();
            }
            open.remove(evicted);
            open.add(fresh);
        }
        closeQuietly(evicted.socket);
        return Optional.of(fresh);
    }

    synchronized void remove(Connection connection) {
        open.remove(connection);
    }

    synchronized int size() {
        return open.size();
    }

    /** Closes every connection (their threads then end). */
    void closeAll() {
        List<Connection> all;
        synchronized (this) {
            all = List.copyOf(open);
            open.clear();
        }
        all.forEach(c -> closeQuietly(c.socket));
    }

    private long count(Predicate<Connection> which) {
        return open.stream().filter(which).count();
    }

    private Connection longestIdle(Predicate<Connection> which) {
        return open.stream().filter(which).filter(c -> !c.busy)
                .min(Comparator.comparingLong(c -> c.idleSince)).orElse(null);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing to make room or on the way out: the socket is gone either way.
        }
    }
}
