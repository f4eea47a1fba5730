package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static io.unikernel.demo.dns.NameTableTest.ip;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The launcher's wait for a name, against a real server on loopback whose table changes under it. */
class NameAnswerTest {
    static final int PORT = 15377;

    @Test
    void returnsOnlyOnceTheServerAnswersTheNameWithTheAddress() throws Exception {
        InetAddress at = InetAddress.getByName("127.0.0.5");
        AtomicReference<NameTable> names = new AtomicReference<>(NameTable.empty());
        try (DnsServer server = DnsServer.start(new InetSocketAddress(at, PORT),
                new QueryAnswerer(names::get, new Upstream(List.of(), Duration.ofSeconds(1))),
                AllowedClients.subnetsAndHost(List.of()))) {
            NameAnswer answer = new NameAnswer(server.address());
            assertFalse(answer.await("tdns-late", ip("172.17.0.7"), Duration.ofMillis(200)), "unknown name");

            names.set(NameTable.of(List.of(new ContainerRecord("a", "tdns-late", "", ip("172.17.0.8")))));
            assertFalse(answer.await("tdns-late", ip("172.17.0.7"), Duration.ofMillis(200)),
                    "the name with another container's address");

            AtomicBoolean learning = new AtomicBoolean();
            Thread learn = new Thread(() -> {
                sleep(300);
                learning.set(true);
                names.set(NameTable.of(List.of(new ContainerRecord("b", "tdns-late", "", ipOrFail("172.17.0.7")))));
            });
            learn.start();
            assertTrue(answer.await("TDNS-late", ip("172.17.0.7"), Duration.ofSeconds(5)));
            assertTrue(learning.get(), "returned before the server knew the name");
            learn.join();
        }
    }

    @Test
    void saysWhenNoServerListens() throws Exception {
        NameAnswer nobody = new NameAnswer(new InetSocketAddress(InetAddress.getByName("127.0.0.5"), PORT + 1));
        assertThrows(java.io.IOException.class, () -> nobody.await("tdns-x", ip("172.17.0.7"), Duration.ofSeconds(1)));
    }

    private static java.net.Inet4Address ipOrFail(String literal) {
        try {
            return ip(literal);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
