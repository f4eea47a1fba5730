package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
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
import java.util.List;

import static io.unikernel.demo.dns.NameTableTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryAnswererTest {
    private static final Upstream NO_UPSTREAM = new Upstream(List.of(), Duration.ofMillis(100));

    private static QueryAnswerer answerer() throws Exception {
        NameTable table = NameTable.of(List.of(new ContainerRecord("id1", "nginx", "webserver", ip("172.17.0.2"))));
        return new QueryAnswerer(() -> table, NO_UPSTREAM);
    }

    static byte[] query(String name, int type, int id) throws Exception {
        Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
        m.getHeader().setID(id);
        return m.toWire();
    }

    private static Message ask(QueryAnswerer answerer, String name, int type) throws Exception {
        return new Message(answerer.answer(query(name, type, 4242), false));
    }

    private static List<String> addresses(Message m) {
        return m.getSection(Section.ANSWER).stream().map(r -> ((ARecord) r).getAddress().getHostAddress()).toList();
    }

    @Test
    void answersContainerNameHostnameAndDockerSuffix() throws Exception {
        for (String name : List.of("nginx.", "webserver.", "nginx.docker.", "NGINX.Docker.", "WebServer.docker.")) {
            Message answer = ask(answerer(), name, Type.A);
            assertEquals(Rcode.NOERROR, answer.getRcode(), name);
            assertEquals(List.of("172.17.0.2"), addresses(answer), name);
            assertEquals(4242, answer.getHeader().getID());
            assertTrue(answer.getHeader().getFlag(Flags.AA));
            assertEquals(Name.fromString(name), answer.getSection(Section.ANSWER).get(0).getName());
        }
    }

    @Test
    void answersNxdomainForUnknownNameUnderDocker() throws Exception {
        Message answer = ask(answerer(), "missing.docker.", Type.A);
        assertEquals(Rcode.NXDOMAIN, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void answersNoDataForAaaaOfKnownName() throws Exception {
        Message answer = ask(answerer(), "nginx.docker.", Type.AAAA);
        assertEquals(Rcode.NOERROR, answer.getRcode());
        assertTrue(answer.getSection(Section.ANSWER).isEmpty());
    }

    @Test
    void saysWhoItIsToIdServerInTheChaosClass() throws Exception {
        for (String name : List.of("id.server.", "hostname.bind.")) {
            Message query = Message.newQuery(Record.newRecord(Name.fromString(name), Type.TXT, DClass.CH));
            Message answer = new Message(answerer().answer(query.toWire(), false));
            assertEquals(Rcode.NOERROR, answer.getRcode(), name);
            assertEquals(List.of("\"" + QueryAnswerer.IDENTITY + "\""),
                    answer.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList(), name);
        }
        var inInternetClass = answerer().decide(query("id.server.", Type.TXT, 1), 512);
        assertInstanceOf(QueryAnswerer.Outcome.Forward.class, inInternetClass, "IN id.server is an ordinary name");
    }

    @Test
    void forwardsOtherNames() throws Exception {
        var outcome = answerer().decide(query("example.org.", Type.A, 1), 512);
        assertInstanceOf(QueryAnswerer.Outcome.Forward.class, outcome);
    }

    @Test
    void answersServfailWhenUpstreamFails() throws Exception {
        Message answer = ask(answerer(), "example.org.", Type.A);
        assertEquals(Rcode.SERVFAIL, answer.getRcode());
        assertEquals(4242, answer.getHeader().getID());
    }

    @Test
    void answersFormerrToGarbageWithAHeader() throws Exception {
        byte[] garbage = {0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0, 0x7f};
        byte[] reply = answerer().answer(garbage, false);
        assertEquals(0x12, reply[0]);
        assertEquals(0x34, reply[1]);
        assertEquals(Rcode.FORMERR, reply[3] & 0x0f);
    }

    @Test
    void relaysUpstreamAnswerWithClientsId() throws Exception {
        try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Thread upstream = new Thread(() -> {
                try {
                    byte[] buf = new byte[512];
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    fake.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(buf, p.getLength()));
                    Message r = new Message(q.getHeader().getID());
                    r.getHeader().setFlag(Flags.QR);
                    r.addRecord(q.getQuestion(), Section.QUESTION);
                    r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60, ip("192.0.2.7")), Section.ANSWER);
                    byte[] wire = r.toWire();
                    fake.send(new DatagramPacket(wire, wire.length, p.getSocketAddress()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            upstream.start();
            var fakeUpstream = new Upstream(List.of((InetSocketAddress) fake.getLocalSocketAddress()), Duration.ofSeconds(2));
            var answerer = new QueryAnswerer(NameTable::empty, fakeUpstream);
            Message answer = new Message(answerer.answer(query("example.org.", Type.A, 777), false));
            upstream.join(2000);
            assertEquals(777, answer.getHeader().getID());
            assertEquals(Rcode.NOERROR, answer.getRcode());
            assertEquals(List.of("192.0.2.7"), addresses(answer));
        }
    }
}
