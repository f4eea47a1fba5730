package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.DnsServerState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The port check binds for real, on the loopback address and a port the test holds or frees. */
class DnsPortCheckTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path stateDir;

    @Test
    void aFreePortIsOk() throws Exception {
        int port = freePort();
        Check check = new DnsPortCheck(() -> LOOPBACK, port, stateDir).run();
        assertEquals(Check.Status.OK, check.status(), check.detail());
        assertEquals("port " + port, check.name());
    }

    @Test
    void aPortHeldByAnotherProgramOverUdpFailsWithSsAsTheHint() throws Exception {
        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = held.getLocalPort();
            Check check = new DnsPortCheck(() -> LOOPBACK, port, stateDir).run();
            assertEquals(Check.Status.FAIL, check.status());
            assertTrue(check.detail().startsWith("127.0.0.1:" + port + " (udp) is taken"), check.detail());
            assertEquals("find it with ss -lunp 'sport = :" + port + "' (and ss -ltnp), then stop it", check.fix());
        }
    }

    @Test
    void aPortHeldOverTcpFails() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, LOOPBACK)) {
            Check check = new DnsPortCheck(() -> LOOPBACK, held.getLocalPort(), stateDir).run();
            assertEquals(Check.Status.FAIL, check.status());
            assertTrue(check.detail().contains("(tcp) is taken"), check.detail());
        }
    }

    @Test
    void aPortHeldByOurOwnDnsServerIsOk() throws Exception {
        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = held.getLocalPort();
            long pid = ProcessHandle.current().pid();
            new DnsServerState(pid, LOOPBACK, port).write(stateDir);
            Check check = new DnsPortCheck(() -> LOOPBACK, port, stateDir).run();
            assertEquals(Check.Status.OK, check.status(), check.detail());
            assertTrue(check.detail().contains("our DNS server (docker-unikernel dns, pid " + pid + ")"), check.detail());
        }
    }

    @Test
    void aStateFileOfADeadServerDoesNotExcuseATakenPort() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (DatagramSocket held = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            int port = held.getLocalPort();
            new DnsServerState(gone.pid(), LOOPBACK, port).write(stateDir);
            assertEquals(Check.Status.FAIL, new DnsPortCheck(() -> LOOPBACK, port, stateDir).run().status());
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            return probe.getLocalPort();
        }
    }
}
