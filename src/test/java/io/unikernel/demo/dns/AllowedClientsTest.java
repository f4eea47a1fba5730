package io.unikernel.demo.dns;

import io.unikernel.demo.docker.Ipv4Subnet;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowedClientsTest {
    @Test
    void answersClientsOfTheGivenSubnetsAndLoopbackOnly() throws Exception {
        AllowedClients allowed = AllowedClients.subnetsAndHost(List.of(Ipv4Subnet.parse("172.17.0.0/16")));

        assertTrue(allowed.allows(InetAddress.getByName("172.17.0.5")));
        assertTrue(allowed.allows(InetAddress.getByName("127.0.0.1")));
        assertFalse(allowed.allows(InetAddress.getByName("10.250.0.2")));
    }

    @Test
    void aNetworkMadeAfterTheStartIsAllowedOnceRereadOnAMiss() throws Exception {
        AtomicReference<List<Ipv4Subnet>> networks = new AtomicReference<>(List.of(Ipv4Subnet.parse("172.17.0.0/16")));
        AllowedClients allowed = AllowedClients.changingSubnetsAndHost(networks::get);
        InetAddress composeGuest = InetAddress.getByName("172.18.0.3");
        assertFalse(allowed.allows(composeGuest));

        networks.set(List.of(Ipv4Subnet.parse("172.17.0.0/16"), Ipv4Subnet.parse("172.18.0.0/16")));
        // Misses re-read at most once a second, so a refused client cannot make the server spin.
        long deadline = System.nanoTime() + 3_000_000_000L;
        boolean allowedLater = false;
        while (!allowedLater && System.nanoTime() < deadline) {
            allowedLater = allowed.allows(composeGuest);
            Thread.sleep(100);
        }
        assertTrue(allowedLater, "a guest on a network made after the start is answered");
        assertFalse(allowed.allows(InetAddress.getByName("10.250.0.2")), "others are still refused");
    }
}
