package io.unikernel.demo.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The host's upstream resolvers. A query is sent to each in turn, over the transport the
 * client used, with a fresh random id and source port; the answer goes back with the
 * client's id.
 */
public final class Upstream {
    private static final int HEADER_LENGTH = 12;
    private static final int MAX_UDP_MESSAGE = 65535;
    private static final int QR_BIT = 0x80; // in byte 2 of the header (RFC 1035 4.1.1)

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final SecureRandom random = new SecureRandom();

    public Upstream(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeout = Objects.requireNonNull(timeout, "timeout was not specified");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive");
        }
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    /** Relays QUERY (a whole DNS message) to the first server that answers; throws if none does. */
    public byte[] exchange(byte[] query, boolean tcp) throws IOException {
        if (query.length < HEADER_LENGTH) {
            throw new IOException("query of " + query.length + " bytes is shorter than a DNS header");
        }
        if (servers.isEmpty()) {
            throw new IOException("no upstream nameserver is configured");
        }
        IOException last = null;
        for (InetSocketAddress server : servers) {
            int id = random.nextInt(0x10000);
            byte[] ours = query.clone();
            setId(ours, id);
            try {
                byte[] response = tcp ? exchangeTcp(server, ours, id) : exchangeUdp(server, ours, id);
                setId(response, getId(query));
                return response;
            } catch (IOException e) {
                last = new IOException("Failed to query upstream " + server.getAddress().getHostAddress()
                        + ":" + server.getPort() + (tcp ? "/tcp" : "/udp") + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private byte[] exchangeUdp(InetSocketAddress server, byte[] query, int id) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.send(new DatagramPacket(query, query.length));
            byte[] buffer = new byte[MAX_UDP_MESSAGE];
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    throw new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                }
                if (isResponseTo(buffer, packet.getLength(), id)) {
                    return java.util.Arrays.copyOf(buffer, packet.getLength());
                }
                // A stray or forged datagram: keep waiting for ours.
            }
        }
    }

    private byte[] exchangeTcp(InetSocketAddress server, byte[] query, int id) throws IOException {
        try (Socket socket = new Socket()) {
            int millis = (int) timeout.toMillis();
            socket.connect(server, millis);
            socket.setSoTimeout(millis);
            var out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            var in = new DataInputStream(socket.getInputStream());
            byte[] response = new byte[in.readUnsignedShort()];
            in.readFully(response);
            if (!isResponseTo(response, response.length, id)) {
                throw new IOException("answer does not match the query (id or QR flag)");
            }
            return response;
        }
    }

    private static boolean isResponseTo(byte[] message, int length, int id) {
        return length >= HEADER_LENGTH && getId(message) == id && (message[2] & QR_BIT) != 0;
    }

    static int getId(byte[] message) {
        return ((message[0] & 0xff) << 8) | (message[1] & 0xff);
    }

    static void setId(byte[] message, int id) {
        message[0] = (byte) (id >>> 8);
        message[1] = (byte) id;
    }
}
