package io.unikernel.demo.launcher;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.docker.ManagedContainer;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.testsupport.BusyboxImage;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-unikernel run against the real Docker engine, kernel and a QEMU guest under TCG. */
class LauncherTest {
    private static final String SESSION = "launcher-test";
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static ContainerEngine engine;
    private static Launcher launcher;

    @BeforeAll
    static void buildImages() throws Exception {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
        BusyboxImage.ensure(engine);
        launcher = new Launcher(engine, HostPaths.real(), Optional::empty, SESSION);
    }

    @AfterEach
    void removeOurContainers() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    private static List<String> sessionContainers() {
        return engine.listLabelled(Labels.SESSION, SESSION).stream().map(c -> c.id()).toList();
    }

    @Test
    void guestAnswersPingAndHttpOnTheContainersAddress() throws Exception {
        Launched launched = launcher.launch(RunOptions.of(TestImage.NAME).withName("du-test-single"));
        String ip = launched.network().address().getHostAddress();

        String page = GuestProbe.awaitHttp(ip, BOOT);
        assertTrue(page.contains(TestImage.PAGE_MARKER), page);
        assertTrue(GuestProbe.pings(ip), "ping " + ip);
        assertTrue(launched.network().macvtap().matches("vtap[0-9a-f]{6}"), launched.network().macvtap());
        assertEquals(Optional.of(ip), engine.inspect(launched.containerId()).flatMap(c -> c.ipAddress()),
                "the guest has the address Docker gave the container");

        ManagedContainer listed = new ManagedContainers(engine, HostPaths.real()).list().stream()
                .filter(m -> m.container().id().equals(launched.containerId())).findFirst().orElseThrow();
        assertEquals(Optional.of(launched.network().macvtap()), listed.macvtap());
        assertEquals(Optional.of(launched.network().mac()), listed.mac());
        assertEquals(Optional.of(launched.network().tapDevice()), listed.tapDevice());
    }

    @Test
    void guestGetsOurDnsServerAsResolverWhenItRuns() throws Exception {
        Launcher withDns = new Launcher(engine, HostPaths.real(), () -> Optional.of("172.17.0.1"), SESSION);
        Launched launched = withDns.launch(RunOptions.of(TestImage.NAME));
        assertEquals("172.17.0.1", launched.network().resolver());
        awaitLog(launched.containerId(), "dns 172.17.0.1");
    }

    @Test
    void guestFallsBackToTheContainersFirstNameserver() throws Exception {
        Launched launched = launcher.launch(RunOptions.of(TestImage.NAME));
        int pid = engine.inspect(launched.containerId()).orElseThrow().pid();
        String first = Files.readAllLines(Path.of("/proc/" + pid + "/root/etc/resolv.conf")).stream()
                .filter(l -> l.startsWith("nameserver")).findFirst().orElseThrow().split("\\s+")[1];
        assertEquals(first, launched.network().resolver());
        awaitLog(launched.containerId(), "dns " + first);
    }

    private static void awaitLog(String containerId, String text) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            if (engine.logTail(containerId, 50).stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for '" + text + "' in the log of " + containerId + ": "
                + engine.logTail(containerId, 50));
    }

    @Test
    void publishedPortReachesTheGuest() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Launched launched = launcher.launch(RunOptionsParser.parse(List.of("-p", port + ":80", TestImage.NAME)));
        GuestProbe.awaitHttp(launched.network().address().getHostAddress(), BOOT);
        assertTrue(GuestProbe.awaitHttp("127.0.0.1:" + port, Duration.ofSeconds(30)).contains(TestImage.PAGE_MARKER));
    }

    @Test
    void missingImageSaysHowToBuildItAndCreatesNothing() {
        var e = assertThrows(LaunchException.class, () -> launcher.launch(RunOptions.of("unikernel/no-such-image")));
        assertEquals("Image unikernel/no-such-image not found locally: build it with 'docker-unikernel build no-such-image'",
                e.getMessage());
        assertEquals(List.of(), sessionContainers());
    }

    @Test
    void missingMacvtapModuleIsReportedBeforeAnythingIsCreated(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("devices"), "Character devices:\n  1 mem\n\nBlock devices:\n");
        Launcher withoutMacvtap = new Launcher(engine, new HostPaths(proc, Kvm.host()), Optional::empty, SESSION);
        var e = assertThrows(LaunchException.class, () -> withoutMacvtap.launch(RunOptions.of(TestImage.NAME)));
        assertTrue(e.getMessage().startsWith("The macvtap kernel module is not loaded"), e.getMessage());
        assertEquals(List.of(), sessionContainers());
    }

    @Test
    void containerWithoutEth0IsRemovedWithAClearMessage() {
        var options = RunOptionsParser.parse(List.of("--network", "none", "--name", "du-test-noeth0", TestImage.NAME));
        var e = assertThrows(LaunchException.class, () -> launcher.launch(options));
        assertEquals("The container has no eth0 interface to bridge the guest onto: run it on a bridge network"
                + " (not --network none or host)", e.getMessage());
        assertEquals(Optional.empty(), engine.inspect("du-test-noeth0"));
    }

    @Test
    void keepOnErrorLeavesTheFailedContainerForDebugging() {
        var options = RunOptionsParser.parse(List.of("--network", "none", "--keep-on-error", "--name", "du-test-kept",
                TestImage.NAME));
        assertThrows(LaunchException.class, () -> launcher.launch(options));
        assertTrue(engine.inspect("du-test-kept").isPresent());
    }

    @Test
    void containerExitingBeforePlumbingShowsItsLastLogLines() {
        var exiting = RunOptionsParser.parse(List.of("--name", "du-test-exits", BusyboxImage.NAME,
                "sh", "-c", "echo boom-before-plumbing; exit 3"));
        var e = assertThrows(LaunchException.class, () -> launcher.launch(exiting));
        assertTrue(e.getMessage().startsWith("The container du-test-exits exited (status 3) before its network was plumbed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("boom-before-plumbing"), e.getMessage());
        assertEquals(Optional.empty(), engine.inspect("du-test-exits"));
    }

    @Test
    void portAlreadyTakenIsReportedAndTheContainerRemoved() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            var options = RunOptionsParser.parse(List.of("--name", "du-test-port", "-p", taken.getLocalPort() + ":80",
                    TestImage.NAME));
            var e = assertThrows(LaunchException.class, () -> launcher.launch(options));
            assertTrue(e.getMessage().startsWith("Failed to run " + TestImage.NAME + ": Docker said"), e.getMessage());
            assertTrue(e.getMessage().contains(Integer.toString(taken.getLocalPort())), e.getMessage());
        }
        assertEquals(Optional.empty(), engine.inspect("du-test-port"));
    }

    @Test
    void unreachableDockerNamesTheSocket() {
        String host = "unix:///tmp/no-docker-here.sock";
        try (ContainerEngine nowhere = ContainerEngine.connect(host)) {
            Launcher offline = new Launcher(nowhere, HostPaths.real(), Optional::empty, SESSION);
            var e = assertThrows(DockerUnavailableException.class, () -> offline.launch(RunOptions.of(TestImage.NAME)));
            assertTrue(e.getMessage().startsWith("Cannot reach the Docker daemon at unix:///tmp/no-docker-here.sock"),
                    e.getMessage());
        }
    }
}
