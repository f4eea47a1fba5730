package io.unikernel.demo.runtime;

import io.unikernel.demo.cli.Main;
import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.tui.GuestMonitor;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.guest.VmStatus;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.testsupport.DaemonJsonBackup;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static io.unikernel.demo.testsupport.DockerCli.docker;
import static io.unikernel.demo.testsupport.DockerCli.inspect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A guest Docker itself started ({@code docker run --runtime unikernel}, no labels of ours) is one
 * like any other: our DNS server names it for the host's resolver, {@code docker-unikernel ps}
 * lists it, and the console's state table follows it; a plain runc container of our image is not listed.
 */
class RuntimeGuestsListedTest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration SEEN = Duration.ofSeconds(30);
    private static final String WEB = "s3rl-web";
    private static final String PLAIN = "s3rl-plain-runc";
    private static DaemonJsonBackup backup;
    private static Path dnsState;

    @BeforeAll
    static void installRuntime() throws Exception {
        DemoImages.ensureBuilt();
        RuntimeJar.ensureBuilt();
        backup = DaemonJsonBackup.takeAndInstallRuntime();
        dnsState = Files.createTempDirectory("s3rl-dns");
    }

    @AfterEach
    void removeOurContainers() {
        HostCommand.run("docker", "rm", "-f", WEB, PLAIN);
    }

    @AfterAll
    static void restoreDaemonJson() throws Exception {
        backup.close();
        HostCommand.run("rm", "-rf", dnsState.toString());
    }

    @Test
    void nginxStartedByDockerAnswersByNameOnTheHostAndIsListedByPsAndTheStateTable() throws Exception {
        try (ContainerEngine engine = ContainerEngine.connect();
             ContainerDns dns = ContainerDns.start(engine,
                     ContainerDns.Options.defaults().withHostResolv(true).withStateDir(dnsState));
             GuestMonitor monitor = new GuestMonitor(engine, HostPaths.real(), () -> { })) {
            monitor.start();
            var run = docker("run", "-d", "--runtime", "unikernel", "--name", WEB, "unikernel/nginx");
            assertEquals(0, run.exitCode(), run.output());
            String ip = inspect(WEB, "{{.NetworkSettings.IPAddress}}");
            assertTrue(GuestProbe.awaitHttp(ip, BOOT).contains("nginx unikernel"));

            var curl = HostCommand.run("curl", "-sS", "-m", "10", "http://" + WEB + "/");
            assertEquals(0, curl.exitCode(), "curl http://" + WEB + "/ through the host's resolver and our DNS: " + curl.output());
            assertTrue(curl.output().contains("nginx unikernel"), curl.output());

            List<String> row = psRow(WEB).orElseThrow(() -> new AssertionError("ps does not list " + WEB + ":\n" + ps()));
            assertEquals(List.of(WEB, "unikernel/nginx", "running", ip), row.subList(0, 4), String.join(" ", row));
            String mac = docker("exec", WEB, "sh", "-c", "cat /sys/class/net/vtap*/address").output().strip();
            assertEquals(mac, row.get(4), "the macvtap's MAC: " + String.join(" ", row));
            assertTrue(row.get(5).matches("\\d+:\\d+"), "the tap device: " + String.join(" ", row));
            assertEquals("running", row.get(6), "the VM's state over QMP: " + String.join(" ", row));
            assertTrue(row.get(7).matches("tcg|kvm"), "the accelerator over QMP: " + String.join(" ", row));

            GuestStatus listed = await(monitor, g -> g.name().equals(WEB) && g.vm().isPresent(), "a row with the VM's state");
            assertEquals(Optional.of(ip), listed.address());
            assertEquals(Optional.of(mac), listed.mac());
            assertEquals("running", listed.vm().map(VmStatus::state).orElseThrow());

            assertEquals(0, docker("kill", WEB).exitCode());
            GuestStatus killed = await(monitor, g -> g.name().equals(WEB) && !g.running(), "the killed guest's row turning off");
            assertEquals("exited", killed.state());
            assertEquals(Optional.empty(), killed.vm());
        }
    }

    @Test
    void ourImageRunByPlainRuncIsNotListedAsAGuest() throws Exception {
        var run = docker("run", "-d", "--name", PLAIN, "--entrypoint", "sleep", "unikernel/httpd", "300");
        assertEquals(0, run.exitCode(), run.output());
        assertEquals("runc", inspect(PLAIN, "{{.HostConfig.Runtime}}"));
        String ps = ps();
        assertTrue(psRow(PLAIN).isEmpty(), "ps lists a container that has no guest plumbed:\n" + ps);
    }

    private static String ps() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(List.of("ps"), new PrintStream(out, true), new PrintStream(err, true)), err.toString());
        return out.toString();
    }

    private static Optional<List<String>> psRow(String name) {
        return ps().lines().filter(l -> l.startsWith(name + " ")).findFirst().map(l -> List.of(l.trim().split("\\s+")));
    }

    private static GuestStatus await(GuestMonitor monitor, Predicate<GuestStatus> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + SEEN.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<GuestStatus> row = monitor.guests().stream().filter(condition).findFirst();
            if (row.isPresent()) {
                return row.get();
            }
            Thread.sleep(50);
        }
        return fail("the state table showed no " + what + " within " + SEEN.toSeconds() + " s: " + monitor.guests());
    }
}
