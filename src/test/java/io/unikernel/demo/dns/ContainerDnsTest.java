package io.unikernel.demo.dns;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.unikernel.demo.docker.BridgeNetwork;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.testsupport.BusyboxImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the real dockerd and the real {@code dig}: names follow containers through events. */
class ContainerDnsTest {
    static final String LABEL = "io.unikernel.demo.test";
    static final String LABEL_VALUE = "dns";
    static final int PORT = 15353;

    @TempDir
    static Path stateDir;

    static DockerClient docker;
    static ContainerEngine engine;
    static InetAddress bridge;
    static ContainerDns dns;

    @BeforeAll
    static void startServer() throws Exception {
        docker = DockerClients.connect();
        engine = ContainerEngine.connect();
        BusyboxImage.ensure(engine);
        bridge = BridgeNetwork.gateway(docker);
        dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withPort(PORT).withStateDir(stateDir));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (dns != null) {
            dns.close();
        }
        engine.close();
    }

    @AfterEach
    void removeTestContainers() {
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(LABEL, LABEL_VALUE)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
    }

    static String runContainer(String name, String hostname) {
        String id = docker.createContainerCmd(BusyboxImage.NAME).withName(name).withHostName(hostname)
                .withCmd("sleep", "600").withLabels(Map.of(LABEL, LABEL_VALUE)).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    static String ipOf(String id) {
        return docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get("bridge").getIpAddress();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs {@code dig @BRIDGE -p PORT ARGS}; returns its stdout. */
    static String dig(int port, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dig", "@" + bridge.getHostAddress(), "-p",
                Integer.toString(port), "+time=2", "+tries=1"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    static String status(String digOutput) {
        var m = java.util.regex.Pattern.compile("status: (\\w+)").matcher(digOutput);
        return m.find() ? m.group(1) : "no answer: " + digOutput;
    }

    /** Polls dig +short until it prints EXPECTED or 2 s pass; returns the last output. */
    static String awaitShort(String name, String expected) throws Exception {
        long deadline = System.nanoTime() + 2_000_000_000L;
        String out;
        do {
            out = dig(PORT, name, "+short").strip();
            if (out.equals(expected)) {
                return out;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < deadline);
        return out;
    }

    @Test
    void resolvesNameHostnameAndDockerSuffixOverUdpAndTcp() throws Exception {
        String name = unique("dns-web");
        String hostname = unique("webhost");
        String ip = ipOf(runContainer(name, hostname));
        assertEquals(ip, awaitShort(name, ip));
        for (String q : List.of(name, hostname, name + ".docker", hostname.toUpperCase() + ".DOCKER.")) {
            assertEquals(ip, dig(PORT, q, "+short").strip(), q);
            assertEquals(ip, dig(PORT, q, "+short", "+tcp").strip(), q + " over tcp");
        }
        assertEquals("NOERROR", status(dig(PORT, name + ".docker", "AAAA")));
        assertEquals("", dig(PORT, name + ".docker", "AAAA", "+short").strip());
    }

    @Test
    void forgetsRemovedContainerWithinOneSecond() throws Exception {
        String name = unique("dns-gone");
        String id = runContainer(name, name);
        assertEquals(ipOf(id), awaitShort(name + ".docker", ipOf(id)));
        docker.removeContainerCmd(id).withForce(true).exec();
        long removed = System.nanoTime();
        String status;
        do {
            status = status(dig(PORT, name + ".docker"));
        } while (!status.equals("NXDOMAIN") && System.nanoTime() - removed < 1_000_000_000L);
        long millis = (System.nanoTime() - removed) / 1_000_000;
        assertEquals("NXDOMAIN", status, "still answered " + millis + " ms after docker rm -f");
        assertTrue(millis < 1000, millis + " ms");
    }

    @Test
    void followsRename() throws Exception {
        String before = unique("dns-old");
        String after = unique("dns-new");
        String id = runContainer(before, "renamehost");
        String ip = ipOf(id);
        assertEquals(ip, awaitShort(before, ip));
        docker.renameContainerCmd(id).withName(after).exec();
        assertEquals(ip, awaitShort(after + ".docker", ip));
        assertEquals("NXDOMAIN", status(dig(PORT, before + ".docker")));
        assertEquals(ip, dig(PORT, "renamehost.docker", "+short").strip());
    }

    @Test
    void knowsContainersStartedBeforeTheServer() throws Exception {
        String name = unique("dns-early");
        String ip = ipOf(runContainer(name, name));
        try (ContainerDns late = ContainerDns.start(engine, ContainerDns.Options.defaults().withPort(PORT + 1)
                .withStateDir(stateDir.resolve("late")))) {
            assertEquals(ip, dig(PORT + 1, name, "+short").strip());
        }
    }

    @Test
    void forwardsOtherNamesToTheNameserverOfResolvConfAndKeepsTheClientsId() throws Exception {
        // resolv.conf cannot name a port: the upstream, a second server of ours, takes 53 on a loopback address.
        // Not 127.0.0.53: systemd-resolved listens there on Ubuntu hosts.
        InetAddress upstreamAddress = InetAddress.getByName("127.0.0.153");
        NameTable upstreamNames = NameTable.of(List.of(new ContainerRecord("u", "www.upstream.test", "",
                NameTableTest.ip("10.9.8.7"))));
        Path resolvConf = stateDir.resolve("forward-resolv.conf");
        Files.writeString(resolvConf, "nameserver " + upstreamAddress.getHostAddress() + "\n");
        try (DnsServer upstream = DnsServer.start(new InetSocketAddress(upstreamAddress, 53),
                new QueryAnswerer(() -> upstreamNames, new Upstream(List.of(), java.time.Duration.ofSeconds(1))),
                AllowedClients.subnetsAndHost(List.of()));
             ContainerDns forwarding = ContainerDns.start(engine, ContainerDns.Options.defaults().withPort(PORT + 3)
                     .withResolvConf(resolvConf).withStateDir(stateDir.resolve("forward")))) {
            assertEquals(List.of(new InetSocketAddress(upstreamAddress, 53)), forwarding.upstreams());
            Message query = Message.newQuery(org.xbill.DNS.Record.newRecord(
                    org.xbill.DNS.Name.fromString("www.upstream.test."), Type.A, org.xbill.DNS.DClass.IN));
            query.getHeader().setID(31337);
            byte[] wire = query.toWire();
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.setSoTimeout(6000);
                socket.send(new DatagramPacket(wire, wire.length, new InetSocketAddress(bridge, PORT + 3)));
                byte[] buf = new byte[4096];
                DatagramPacket reply = new DatagramPacket(buf, buf.length);
                socket.receive(reply);
                Message answer = new Message(java.util.Arrays.copyOf(buf, reply.getLength()));
                assertEquals(31337, answer.getHeader().getID());
                assertEquals(Rcode.NOERROR, answer.getRcode(), Rcode.string(answer.getRcode()));
                assertEquals("10.9.8.7", answer.getSection(org.xbill.DNS.Section.ANSWER).get(0).rdataToString());
            }
            assertEquals("10.9.8.7", dig(PORT + 3, "www.upstream.test", "+tcp", "+short").strip(), "over tcp");
        }
    }

    @Test
    void saysWhoItIsToDigAskingIdServer() throws Exception {
        String out = dig(PORT, "+noall", "+answer", "+stats", "CH", "TXT", "id.server");
        assertTrue(out.contains("\"" + QueryAnswerer.IDENTITY + "\""), out);
        assertTrue(out.contains(";; SERVER: " + bridge.getHostAddress() + "#" + PORT), out);
    }

    @Test
    void answersTheBridgeAndTheHostButRefusesAnotherNetworkNamespace() throws Exception {
        String name = unique("tdns-who");
        String id = runContainer(name, name);
        String ip = ipOf(id);
        assertEquals(ip, awaitShort(name, ip), "from the host");
        String pid = Integer.toString(docker.inspectContainerCmd(id).exec().getState().getPid());
        List<String> inContainer = List.of("nsenter", "-t", pid, "-n");
        assertEquals(ip, Dig.run(inContainer, bridge, PORT, name, "+short").strip(), "from a container on the bridge");

        try (var elsewhere = new RoutedNamespace("tdns-ns", "tdns-h", "tdns-n", "10.199.77.1", "10.199.77.2")) {
            List<String> inNamespace = List.of("ip", "netns", "exec", elsewhere.name());
            String udp = Dig.run(inNamespace, bridge, PORT, name);
            assertEquals("REFUSED", Dig.status(udp), udp);
            String tcp = Dig.run(inNamespace, bridge, PORT, name, "+tcp");
            assertEquals("REFUSED", Dig.status(tcp), tcp);
            String forwarded = Dig.run(inNamespace, bridge, PORT, "example.com");
            assertEquals("REFUSED", Dig.status(forwarded), "no forwarding for it either: " + forwarded);
        }
    }

    @Test
    void announcesItselfInTheStateFileUntilClosed() throws Exception {
        Path dir = stateDir.resolve("announce");
        ContainerDns other = ContainerDns.start(engine, ContainerDns.Options.defaults().withPort(PORT + 2)
                .withStateDir(dir));
        var state = DnsServerState.read(dir).orElseThrow();
        assertEquals(bridge, state.address());
        assertEquals(PORT + 2, state.port());
        assertEquals(ProcessHandle.current().pid(), state.pid());
        other.close();
        assertFalse(Files.exists(dir.resolve(DnsServerState.FILE_NAME)));
    }

    @Test
    void servesPort53OrSaysWhoHoldsIt() throws Exception {
        Path dir = stateDir.resolve("port53");
        String name = unique("dns-53");
        String ip = ipOf(runContainer(name, name));
        ContainerDns on53;
        try {
            on53 = ContainerDns.start(engine, ContainerDns.Options.defaults().withStateDir(dir));
        } catch (BindException taken) {
            assertTrue(taken.getMessage().startsWith("Failed to bind DNS server to " + bridge.getHostAddress()
                    + ":53/udp: Address already in use; hint: another DNS server listens there"), taken.getMessage());
            return;
        }
        try (on53) {
            assertEquals(ip, dig(53, name, "+short").strip());
            assertEquals(Optional.of(bridge), DnsServerState.running(dir));
            var again = assertThrows(BindException.class,
                    () -> ContainerDns.start(engine, ContainerDns.Options.defaults().withStateDir(dir.resolve("2"))));
            assertEquals("Failed to bind DNS server to " + bridge.getHostAddress() + ":53/udp: Address already in use"
                    + "; hint: another DNS server listens there (a second 'docker-unikernel dns', dnsmasq?): "
                    + "stop it or choose --port", again.getMessage());
        }
        assertEquals(Optional.empty(), DnsServerState.running(dir));
    }
}
