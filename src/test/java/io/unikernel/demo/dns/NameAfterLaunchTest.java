package io.unikernel.demo.dns;

import io.unikernel.demo.docker.BridgeNetwork;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real launcher with our DNS server on the bridge's port 53 (where guests and the launcher
 * look for it): the name of a container resolves the moment its launch returns.
 */
class NameAfterLaunchTest {
    private static final String SESSION = "tdns-launch";
    private static final int LAUNCHES = 5;

    @TempDir
    static Path stateDir;

    static ContainerEngine engine;
    static ContainerDns dns;
    static Launcher launcher;

    @BeforeAll
    static void start() throws Exception {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
        InetAddress bridge = engine.bridgeGateway();
        dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withStateDir(stateDir));
        launcher = new Launcher(engine, HostPaths.real(), () -> Optional.of(bridge.getHostAddress()), SESSION);
    }

    @AfterEach
    void removeOurContainers() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dns != null) {
            dns.close();
        }
        engine.close();
    }

    @Test
    void aNameResolvesTheMomentItsLaunchReturnsEveryTime() throws Exception {
        for (int i = 0; i < LAUNCHES; i++) {
            String name = "tdns-now-" + i;
            Launched launched = launcher.launch(RunOptions.of(TestImage.NAME).withName(name));
            Message answer = askOnce(name);
            assertEquals(Rcode.NOERROR, answer.getRcode(), "launch " + (i + 1) + ": " + name + " got "
                    + Rcode.string(answer.getRcode()));
            assertEquals(List.of(launched.network().address().getHostAddress()),
                    answer.getSection(Section.ANSWER).stream().map(Record::rdataToString).toList(), "launch " + (i + 1));
            removeOurContainers();
        }
    }

    /** One query, as a resolver asks right after the run step, with no retry that could hide a miss. */
    private static Message askOnce(String name) throws Exception {
        Message query = Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.A, DClass.IN));
        byte[] wire = query.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(3000);
            socket.send(new DatagramPacket(wire, wire.length, new InetSocketAddress(dns.address().getAddress(), 53)));
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return new Message(Arrays.copyOf(buffer, reply.getLength()));
        }
    }
}
