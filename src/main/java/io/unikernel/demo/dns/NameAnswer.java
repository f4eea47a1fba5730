package io.unikernel.demo.dns;

import org.tinylog.Logger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/**
 * Waits until our DNS server answers a container's name. The server learns names from Docker's
 * events a moment after the container starts; a launch that returns before then hands its
 * caller a name that does not resolve yet ({@code getent hosts mysql} right after the run step).
 * Asks {@code NAME.docker}: the server answers that zone itself (NXDOMAIN until it knows the
 * name), so the wait never sits on an upstream timeout.
 */
public final class NameAnswer {
    /** Per query: the server is on this host and answers its own zone in well under a millisecond. */
    private static final int REPLY_MILLIS = 50;
    private static final int RETRY_MILLIS = 5;
    private static final int MAX_MESSAGE = 4096;
    /** Docker's event reaches our DNS server within milliseconds; this only bounds a stuck one. */
    static final Duration LAUNCH_WAIT = Duration.ofSeconds(2);

    private final SecureRandom random = new SecureRandom();
    private final InetSocketAddress server;

    public NameAnswer(InetSocketAddress server) {
        this.server = server;
    }

    /**
     * For the launcher: returns once our DNS server at SERVER (port 53) answers the container's
     * NAME with ADDRESS, or after {@link #LAUNCH_WAIT} with a warning: a launch must not hang on
     * a DNS server.
     */
    public static void awaitLaunched(String server, String name, Inet4Address address) {
        String bare = name.startsWith("/") ? name.substring(1) : name;
        try {
            var answer = new NameAnswer(new InetSocketAddress(InetAddress.getByName(server), ResolvConf.DNS_PORT));
            if (!answer.await(bare, address, LAUNCH_WAIT)) {
                Logger.warn("The DNS server on {} does not answer {} yet ({} ms after the launch): it may be "
                        + "behind on Docker's events", server, bare, LAUNCH_WAIT.toMillis());
            }
        } catch (IOException e) {
            Logger.warn("Failed to ask the DNS server on {} for {}: {}", server, bare, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True once SERVER answers NAME.docker with ADDRESS; false if it does not within TIMEOUT. */
    public boolean await(String name, Inet4Address address, Duration timeout) throws IOException, InterruptedException {
        Name question;
        try {
            question = Name.fromString(NameTable.normalise(name) + "." + NameTable.DOMAIN + ".");
        } catch (TextParseException e) {
            throw new IOException("'" + name + "' is no DNS name: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(server);
            socket.setSoTimeout(REPLY_MILLIS);
            do {
                if (answers(socket, question, address)) {
                    return true;
                }
                Thread.sleep(RETRY_MILLIS);
            } while (System.nanoTime() < deadline);
        }
        return false;
    }

    private boolean answers(DatagramSocket socket, Name question, Inet4Address address) throws IOException {
        Message query = Message.newQuery(Record.newRecord(question, Type.A, DClass.IN));
        int id = random.nextInt(0x10000);
        query.getHeader().setID(id);
        byte[] wire = query.toWire();
        socket.send(new DatagramPacket(wire, wire.length));
        byte[] buffer = new byte[MAX_MESSAGE];
        long until = System.nanoTime() + REPLY_MILLIS * 1_000_000L;
        while (System.nanoTime() < until) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return false;
            }
            Message reply;
            try {
                reply = new Message(Arrays.copyOf(buffer, packet.getLength()));
            } catch (IOException garbage) {
                continue;
            }
            if (reply.getHeader().getID() != id) {
                continue; // the late answer to an earlier try
            }
            return reply.getRcode() == Rcode.NOERROR && reply.getSection(Section.ANSWER).stream()
                    .anyMatch(r -> r instanceof ARecord a && a.getAddress().equals(address));
        }
        return false;
    }
}
