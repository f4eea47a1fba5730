package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.unikernel.demo.dns.NameTableTest.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Idle DNS-over-TCP connections to a real server on loopback, then a query by the real dig. */
class IdleTcpConnectionsTest {
    static final int PORT = 15375;
    static final int IDLE = 64;

    @Test
    void sixtyFourIdleConnectionsDoNotBlockAQueryOverTcp() throws Exception {
        InetAddress at = InetAddress.getByName("127.0.0.4");
        NameTable names = NameTable.of(List.of(new ContainerRecord("id", "tdns-web", "", ip("172.17.0.9"))));
        List<Socket> idle = new ArrayList<>();
        try (DnsServer server = DnsServer.start(new InetSocketAddress(at, PORT),
                new QueryAnswerer(() -> names, new Upstream(List.of(), Duration.ofSeconds(1))),
                AllowedClients.subnetsAndHost(List.of()))) {
            for (int i = 0; i < IDLE; i++) {
                Socket s = new Socket();
                idle.add(s);
                s.connect(new InetSocketAddress(at, PORT), 2000);
            }
            // Before the bound the server closed every new connection until an idle one timed out (10 s);
            // dig gives up after one try of 5 s (a cold server on a loaded host can take a second).
            String answer = Dig.ask(at, PORT, "tdns-web", "+tcp", "+time=5");
            assertEquals("NOERROR", Dig.status(answer), answer);
            assertTrue(answer.contains("172.17.0.9"), answer);

            long stillOpen = idle.stream().filter(IdleTcpConnectionsTest::open).count();
            assertTrue(stillOpen <= 8, stillOpen + " of " + IDLE + " idle connections from one client still open");
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    /** True while the server keeps SOCKET open (a read waits), false once it closed it (EOF or reset). */
    private static boolean open(Socket socket) {
        try {
            socket.setSoTimeout(50);
            return socket.getInputStream().read() != -1;
        } catch (SocketTimeoutException waiting) {
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
