package io.unikernel.demo.launcher;

import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The plumbing's refusals, against the real kernel: a process in a namespace of the test's own
 * making stands in for a container whose network is not what the contract needs.
 */
class PlumbingTest {
    private final String ns = "du-plumb-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    private Process inside;

    @BeforeEach
    void makeNamespaceWithEth0() {
        run("ip", "netns", "add", ns);
        run("ip", "link", "add", ns + "a", "type", "veth", "peer", "name", "eth0", "netns", ns);
        run("ip", "-n", ns, "link", "set", "eth0", "up");
    }

    @AfterEach
    void removeNamespace() {
        if (inside != null) {
            inside.destroyForcibly();
        }
        HostCommand.run("ip", "netns", "del", ns);
        HostCommand.run("ip", "link", "del", ns + "a");
    }

    private int processInNamespace() throws Exception {
        inside = new ProcessBuilder("ip", "netns", "exec", ns, "sleep", "300").start();
        Object target = Files.getAttribute(Path.of("/var/run/netns", ns), "unix:ino");
        Path entered = Path.of("/proc", Long.toString(inside.pid()), "ns", "net");
        // ip setns()es before it execs sleep; until then the process is still in our namespace.
        for (int i = 0; i < 200 && !target.equals(Files.getAttribute(entered, "unix:ino")); i++) {
            Thread.sleep(10);
        }
        return (int) inside.pid();
    }

    @Test
    void refusesEth0WithoutIpv4AndCreatesNoMacvtap() throws Exception {
        int pid = processInNamespace();
        var e = assertThrows(LaunchException.class, () -> new Plumbing(Path.of("/proc")).plumb(pid, "tfs-image", Optional.empty()));
        assertEquals("The container's eth0 has no IPv4 address to give the guest: run it on a network with IPv4",
                e.getMessage());
        assertFalse(HostCommand.run("ip", "-n", ns, "-o", "link").output().contains("vtap"));
    }

    @Test
    void refusesNetworkWithoutDefaultRoute() throws Exception {
        run("ip", "-n", ns, "addr", "add", "10.99.0.2/24", "dev", "eth0");
        int pid = processInNamespace();
        var e = assertThrows(LaunchException.class, () -> new Plumbing(Path.of("/proc")).plumb(pid, "tfs-image", Optional.empty()));
        assertEquals("The container has no default route, so the guest would get no gateway: run it on a bridge network",
                e.getMessage());
        assertEquals(1, HostCommand.run("ip", "-n", ns, "-4", "-o", "addr", "show", "eth0").output().lines().count(),
                "eth0 keeps its address when the plumbing refuses");
    }

    private static void run(String... command) {
        var result = HostCommand.run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }
}
