package io.unikernel.demo.netlink;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TimingProbeTest {
    @Test
    void probe() throws Exception {
        for (int round = 0; round < 4; round++) {
            String ns = "du-test-probe" + round;
            Ip.run("netns", "add", ns);
            Ip.run("link", "add", "duhprobe", "type", "veth", "peer", "name", "eth0", "netns", ns);
            Ip.run("-n", ns, "link", "set", "eth0", "up");
            Ip.run("-n", ns, "addr", "add", "10.9.0.2/24", "dev", "eth0");
            Ip.run("-n", ns, "route", "add", "default", "via", "10.9.0.1");
            try {
                long t0 = System.nanoTime();
                try (RouteNetlink n = RouteNetlink.openIn(Path.of("/var/run/netns", ns))) {
                    long t1 = System.nanoTime();
                    Link eth0 = n.link("eth0").orElseThrow();
                    Link vtap = n.addMacvtap(Macvtap.bridge("vtap" + eth0.mac().lastThreeBytesHex(), eth0.index()));
                    n.setUp(vtap.index());
                    Address a = n.addresses(eth0.index()).get(0);
                    Route r = n.defaultRoute().orElseThrow();
                    n.deleteAddress(a);
                    long t2 = System.nanoTime();
                    System.out.printf("PROBE round %d: openIn %.2f ms, plumbing %.2f ms%n", round, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
                }
            } finally {
                Ip.runQuietly("netns", "del", ns);
            }
        }
    }
}
