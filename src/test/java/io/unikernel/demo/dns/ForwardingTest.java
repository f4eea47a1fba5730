package io.unikernel.demo.dns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import static io.unikernel.demo.dns.NameTableTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our server forwarding to a real upstream DNS server started here (a second instance of ours,
 * answering its own table), both on loopback, asked by the real {@code dig}: no Docker needed.
 */
class ForwardingTest {
    static final int PORT = 15371;
    /** More addresses than fit in 512 bytes of UDP: only TCP carries them all. */
    static final int MANY = 60;

    static InetAddress upstreamAddress;
    static InetAddress forwarderAddress;
    static DnsServer upstream;
    static DnsServer forwarder;

    @BeforeAll
    static void startServers() throws Exception {
        upstreamAddress = InetAddress.getByName("127.0.0.2");
        forwarderAddress = InetAddress.getByName("127.0.0.3");
        List<ContainerRecord> records = new ArrayList<>();
        records.add(new ContainerRecord("one", "www.upstream.test", "", ip("10.9.8.7")));
        IntStream.range(0, MANY).forEach(i -> records.add(new ContainerRecord("many" + i, "many" + i, "many.upstream.test",
                ipOrFail("10.9.9." + (i + 1)))));
        NameTable upstreamNames = NameTable.of(records);
        AllowedClients loopback = AllowedClients.subnetsAndHost(List.of());
        upstream = DnsServer.start(new InetSocketAddress(upstreamAddress, PORT),
                new QueryAnswerer(() -> upstreamNames, new Upstream(List.of(), Duration.ofSeconds(1))), loopback);
        forwarder = DnsServer.start(new InetSocketAddress(forwarderAddress, PORT), new QueryAnswerer(NameTable::empty,
                new Upstream(List.of(new InetSocketAddress(upstreamAddress, PORT)), Duration.ofSeconds(2))), loopback);
    }

    @AfterAll
    static void stopServers() {
        if (forwarder != null) {
            forwarder.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private static java.net.Inet4Address ipOrFail(String literal) {
        try {
            return ip(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void relaysAnUpstreamAnswerOverUdpWithTheClientsId() throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString("www.upstream.test."), Type.A, DClass.IN));
        query.getHeader().setID(31337);
        byte[] wire = query.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            socket.send(new DatagramPacket(wire, wire.length, new InetSocketAddress(forwarderAddress, PORT)));
            byte[] buf = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buf, buf.length);
            socket.receive(reply);
            Message answer = new Message(Arrays.copyOf(buf, reply.getLength()));
            assertEquals(31337, answer.getHeader().getID());
            assertEquals(Rcode.NOERROR, answer.getRcode(), Rcode.string(answer.getRcode()));
            assertEquals("10.9.8.7", answer.getSection(Section.ANSWER).get(0).rdataToString());
        }
    }

    @Test
    void relaysOverTcpAnAnswerTooLargeForUdp() {
        String overUdp = Dig.ask(forwarderAddress, PORT, "many.upstream.test", "+ignore", "+noedns");
        assertTrue(overUdp.contains(" tc ") || overUdp.contains(" tc;"), "512 bytes of UDP should be truncated: " + overUdp);

        String overTcp = Dig.ask(forwarderAddress, PORT, "many.upstream.test", "+tcp");
        assertEquals("NOERROR", Dig.status(overTcp), overTcp);
        List<String> addresses = Dig.ask(forwarderAddress, PORT, "many.upstream.test", "+tcp", "+short").lines().toList();
        assertEquals(MANY, addresses.size(), String.join(",", addresses));
        assertEquals(Dig.ask(upstreamAddress, PORT, "many.upstream.test", "+tcp", "+short").lines().sorted().toList(),
                addresses.stream().sorted().toList(), "what the upstream itself answers");
    }

    @Test
    void answersServfailOnlyWhenTheUpstreamIsGone() throws Exception {
        try (DnsServer orphan = DnsServer.start(new InetSocketAddress(forwarderAddress, PORT + 1),
                new QueryAnswerer(NameTable::empty, new Upstream(List.of(new InetSocketAddress(upstreamAddress, PORT + 2)),
                        Duration.ofMillis(300))), AllowedClients.subnetsAndHost(List.of()))) {
            assertEquals("SERVFAIL", Dig.status(Dig.ask(forwarderAddress, PORT + 1, "www.upstream.test", "+tcp")));
            assertEquals("SERVFAIL", Dig.status(Dig.ask(forwarderAddress, PORT + 1, "www.upstream.test")));
        }
    }
}
