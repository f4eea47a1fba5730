package io.unikernel.demo.dns;

import org.tinylog.Logger;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DNS over UDP and TCP (2-byte length framing, RFC 1035 4.2.2) on one address and port, for
 * the {@link AllowedClients} only (REFUSED to the rest). Names answered locally are sent from
 * the receiving thread; forwarded UDP queries run on a bounded pool; each TCP connection has a
 * thread of its own, their number bounded by {@link TcpConnections}. {@link #close()} stops
 * every thread and socket.
 */
public final class DnsServer implements AutoCloseable {
    private static final int MAX_WORKERS = 64;
    private static final int TCP_IDLE_MILLIS = 10_000;
    /** Enough for a resolver that pipelines over a few connections; more from one client waits its turn. */
    private static final int TCP_PER_CLIENT = 8;
    private static final int TCP_TOTAL = 64;
    private static final int MAX_MESSAGE = 65535;

    private final InetSocketAddress address;
    private final QueryAnswerer answerer;
    private final AllowedClients allowed;
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final ThreadPoolExecutor workers;
    private final TcpConnections connections = new TcpConnections(TCP_PER_CLIENT, TCP_TOTAL);
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread udpThread;
    private final Thread tcpThread;
    private volatile boolean closed;

    private DnsServer(InetSocketAddress address, QueryAnswerer answerer, AllowedClients allowed, DatagramSocket udp,
            ServerSocket tcp) {
        this.address = address;
        this.answerer = answerer;
        this.allowed = allowed;
        this.udp = udp;
        this.tcp = tcp;
        AtomicInteger count = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, MAX_WORKERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "dns-worker-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.udpThread = new Thread(this::serveUdp, "dns-udp-" + address.getPort());
        this.tcpThread = new Thread(this::serveTcp, "dns-tcp-" + address.getPort());
        udpThread.setDaemon(true);
        tcpThread.setDaemon(true);
    }

    /**
     * Binds UDP and TCP on ADDRESS (one address only, never the wildcard: this is not an open
     * resolver) and starts serving the ALLOWED clients. Equivalent to: {@code dnsmasq
     * --listen-address=ADDRESS --bind-interfaces} with a firewall rule for the others.
     */
    public static DnsServer start(InetSocketAddress address, QueryAnswerer answerer, AllowedClients allowed)
            throws IOException {
        Objects.requireNonNull(address, "address was not specified");
        Objects.requireNonNull(answerer, "answerer was not specified");
        Objects.requireNonNull(allowed, "allowed clients were not specified");
        if (address.getAddress() == null || address.getAddress().isAnyLocalAddress()) {
            throw new IllegalArgumentException("address " + address + " is not one specific IP address "
                    + "(binding the wildcard would make an open resolver)");
        }
        String where = address.getAddress().getHostAddress() + ":" + address.getPort();
        DatagramSocket udp;
        try {
            udp = new DatagramSocket(null);
            udp.bind(address);
        } catch (IOException e) {
            throw bindFailure(where + "/udp", e);
        }
        ServerSocket tcp;
        try {
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            tcp.bind(address, 128);
        } catch (IOException e) {
            udp.close();
            throw bindFailure(where + "/tcp", e);
        }
        DnsServer server = new DnsServer(address, answerer, allowed, udp, tcp);
        server.udpThread.start();
        server.tcpThread.start();
        Logger.debug("DNS server listening on {} (udp, tcp) for {}", where, allowed);
        return server;
    }

    public InetSocketAddress address() {
        return address;
    }

    private static IOException bindFailure(String where, IOException e) {
        String cause = e.getMessage() == null ? e.toString() : e.getMessage();
        String hint;
        if (cause.contains("already in use")) {
            hint = "another DNS server listens there (a second 'docker-unikernel dns', dnsmasq?): stop it or choose --port";
        } else if (cause.contains("Permission denied")) {
            hint = "ports below 1024 need root: run with sudo";
        } else if (cause.contains("assign requested address")) {
            hint = "no interface has that address: is the docker bridge up (ip addr show docker0)?";
        } else {
            hint = "check the address and port";
        }
        return e instanceof BindException
                ? new BindException("Failed to bind DNS server to " + where + ": " + cause + "; hint: " + hint)
                : new IOException("Failed to bind DNS server to " + where + ": " + cause + "; hint: " + hint, e);
    }

    private void serveUdp() {
        byte[] buffer = new byte[MAX_MESSAGE];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                udp.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    Logger.warn("Failed to receive a DNS datagram on {}: {}", address, e.getMessage());
                }
                continue;
            }
            byte[] query = Arrays.copyOf(buffer, packet.getLength());
            var client = (InetSocketAddress) packet.getSocketAddress();
            if (!allowed.allows(client.getAddress())) {
                refuse(query, QueryAnswerer.UDP_MAX, client).ifPresent(wire -> sendUdp(wire, client));
                continue;
            }
            QueryAnswerer.Outcome outcome = answerer.decide(query, QueryAnswerer.UDP_MAX);
            if (outcome instanceof QueryAnswerer.Outcome.Answer answer) {
                sendUdp(answer.wire(), client);
            } else if (outcome instanceof QueryAnswerer.Outcome.Forward) {
                try {
                    workers.execute(() -> sendUdp(answerer.forward(query, false, QueryAnswerer.UDP_MAX), client));
                } catch (RejectedExecutionException busy) {
                    // Every worker waits on upstream: drop, the client retries.
                    Logger.debug("Dropped a query from {}: {} forwards in flight", client, MAX_WORKERS);
                }
            }
        }
    }

    private void sendUdp(byte[] wire, InetSocketAddress client) {
        try {
            udp.send(new DatagramPacket(wire, wire.length, client));
        } catch (IOException e) {
            if (!closed) {
                Logger.debug("Failed to send a DNS answer to {}: {}", client, e.getMessage());
            }
        }
    }

    private void serveTcp() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    Logger.warn("Failed to accept a DNS connection on {}: {}", address, e.getMessage());
                }
                continue;
            }
            var admitted = connections.admit(socket);
            if (admitted.isEmpty()) {
                Logger.debug("Turned away a DNS connection from {}: every connection is mid-query",
                        socket.getRemoteSocketAddress());
                closeQuietly(socket);
                continue;
            }
            Thread thread = new Thread(() -> serveConnection(admitted.get()),
                    "dns-tcp-connection-" + connectionCount.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serveConnection(TcpConnections.Connection connection) {
        Socket socket = connection.socket();
        boolean refused = !allowed.allows(connection.client());
        try (socket) {
            socket.setSoTimeout(TCP_IDLE_MILLIS);
            var in = new DataInputStream(socket.getInputStream());
            var out = new DataOutputStream(socket.getOutputStream());
            while (!closed) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException end) {
                    return;
                }
                byte[] query = new byte[length];
                in.readFully(query);
                connection.busy();
                byte[] answer = refused ? refuse(query, MAX_MESSAGE, socket.getRemoteSocketAddress()).orElse(new byte[0])
                        : answerer.answer(query, true);
                if (answer.length == 0) {
                    return;
                }
                out.writeShort(answer.length);
                out.write(answer);
                out.flush();
                connection.idle();
            }
        } catch (SocketException e) {
            // Closed by the client, by idling, or by close(): nothing to report.
        } catch (IOException e) {
            if (!closed) {
                Logger.debug("DNS connection from {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
            }
        } finally {
            connections.remove(connection);
        }
    }

    private static Optional<byte[]> refuse(byte[] query, int maxLength, SocketAddress client) {
        Logger.debug("Refused a query from {}: not on the bridge nor this host", client);
        return QueryAnswerer.refused(query, maxLength);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        udp.close();
        closeQuietly(tcp);
        connections.closeAll();
        workers.shutdownNow();
        try {
            udpThread.join(2000);
            tcpThread.join(2000);
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Logger.debug("DNS server on {} stopped", address);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing on the way out: the socket is gone either way.
        }
    }
}
