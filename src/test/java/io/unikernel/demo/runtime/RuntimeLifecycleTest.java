package io.unikernel.demo.runtime;

import io.unikernel.demo.testsupport.DaemonJsonBackup;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.unikernel.demo.testsupport.DockerCli.docker;
import static io.unikernel.demo.testsupport.DockerCli.inspect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The docker verbs on a guest started through our runtime, with the real docker CLI, dockerd,
 * containerd's shim, runc and a TCG guest: our own unikernel (unikernel/httpd), which logs each
 * request on its serial console, so a live console stream can be told from a replayed one.
 */
class RuntimeLifecycleTest {
    private static final String IMAGE = "unikernel/httpd";
    private static final Duration BOOT = Duration.ofSeconds(60);
    private static final Duration GONE = Duration.ofSeconds(20);
    private static final Path RUNC_ROOT = Path.of("/var/run/docker/runtime-" + RuntimeRegistration.NAME + "/moby");
    private static final String KILL = "s3rl-kill";
    private static final String RM = "s3rl-rm";
    private static final String LOGS = "s3rl-logs";
    private static final String ATTACH = "s3rl-attach";
    private static final String FAIL = "s3rl-fail";
    private static final Path ATTACH_EXIT = Path.of("/tmp/" + ATTACH + ".exit");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static DaemonJsonBackup backup;

    @BeforeAll
    static void installRuntime() throws Exception {
        DemoImages.ensureBuilt();
        RuntimeJar.ensureBuilt();
        backup = DaemonJsonBackup.takeAndInstallRuntime();
    }

    @AfterEach
    void removeOurs() throws IOException {
        HostCommand.run("tmux", "kill-session", "-t", ATTACH);
        Files.deleteIfExists(ATTACH_EXIT);
        HostCommand.run("docker", "rm", "-f", KILL, RM, LOGS, ATTACH, FAIL);
    }

    @AfterAll
    static void restoreDaemonJson() throws Exception {
        backup.close();
    }

    @Test
    void dockerKillEndsTheGuestWithSigkillsStatusAndLeavesNoQemuOrRuncState() throws Exception {
        Guest guest = start(KILL);
        assertEquals(0, docker("kill", KILL).exitCode());
        assertEquals("137", docker("wait", KILL).output().strip(), "the exit status of a SIGKILLed container");
        assertNothingLeft(guest);
    }

    @Test
    void dockerRmForceRemovesARunningGuestAndLeavesNothing() throws Exception {
        Guest guest = start(RM);
        var rm = docker("rm", "-f", RM);
        assertEquals(0, rm.exitCode(), rm.output());
        assertEquals("", docker("ps", "-aq", "--filter", "name=^" + RM + "$").output().strip(), "no container left");
        assertNothingLeft(guest);
    }

    @Test
    void dockerLogsFollowStreamsTheSerialConsoleWhileTheGuestRunsAndEndsWithIt() throws Exception {
        Guest guest = start(LOGS);
        Process follow = new ProcessBuilder("docker", "logs", "-f", LOGS).redirectErrorStream(true).start();
        try {
            ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
            Thread reader = readLines(follow, lines);
            await(() -> lines.stream().anyMatch(l -> l.contains("listening on :80")), "the boot's lines", lines);

            String path = "/s3rl-live-" + System.nanoTime();
            get(guest.ip(), path);
            await(() -> lines.stream().anyMatch(l -> l.contains("GET " + path)), "the guest's line for a request made while following",
                    lines);

            assertEquals(0, docker("stop", "-t", "20", LOGS).exitCode());
            assertTrue(follow.waitFor(GONE.toSeconds(), TimeUnit.SECONDS), "docker logs -f did not end with the container");
            reader.join(GONE.toMillis());
            assertEquals(0, follow.exitValue());
            assertTrue(lines.stream().anyMatch(l -> l.contains("runner: stop requested")), "the stop's lines: " + lines);
        } finally {
            follow.destroyForcibly();
        }
    }

    @Test
    void dockerAttachInATerminalShowsTheLiveConsoleAndCtrlPCtrlQDetachesLeavingTheGuestRunning() throws Exception {
        Guest guest = start(ATTACH, "-i", "-t");
        var tmux = HostCommand.run("tmux", "-u", "new-session", "-d", "-s", ATTACH, "-x", "160", "-y", "40",
                "bash", "-c", "docker attach " + ATTACH + "; echo $? > " + ATTACH_EXIT + "; sleep 600");
        assertEquals(0, tmux.exitCode(), tmux.output());
        String path = "/s3rl-attached-" + System.nanoTime();
        // attach shows what comes after it connected: ask until the guest's line for it shows
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!screen().contains("GET " + path) && System.nanoTime() < deadline) {
            get(guest.ip(), path);
            Thread.sleep(200);
        }
        assertTrue(screen().contains("GET " + path), "the guest's console in the terminal:\n" + screen());

        HostCommand.run("tmux", "send-keys", "-t", ATTACH, "C-p");
        HostCommand.run("tmux", "send-keys", "-t", ATTACH, "C-q");
        // Its exit status is the docker CLI's own (1 with Docker 28, for a runc container too): not ours to assert.
        await(() -> Files.exists(ATTACH_EXIT), "docker attach ending on Ctrl-P Ctrl-Q", List.of(screen()));
        assertTrue(screen().contains("read escape sequence"), "docker attach detached on its keys:\n" + screen());
        assertEquals("true", inspect(ATTACH, "{{.State.Running}}"), "the guest runs on after the detach");
        assertEquals(guest.qemu(), qemuOf(ATTACH), "the same QEMU");
        assertTrue(GuestProbe.awaitHttp(guest.ip(), Duration.ofSeconds(10)).contains("<html"), "and still answers");
    }

    @Test
    void restartOnFailureStartsAGuestWhoseQemuDiedAgainWithItsNetworkPlumbedAnew() throws Exception {
        Guest first = start(FAIL, "--restart", "on-failure:3");
        var killQemu = docker("exec", FAIL, "sh", "-c", "kill -KILL $(pidof qemu-system-x86_64)");
        assertEquals(0, killQemu.exitCode(), killQemu.output());

        // Status, not State.Running: Docker says Running (and no address yet) while it waits to restart.
        await(() -> "1".equals(inspect(FAIL, "{{.RestartCount}}")) && "running".equals(inspect(FAIL, "{{.State.Status}}"))
                        && !inspect(FAIL, "{{.NetworkSettings.IPAddress}}").isEmpty(),
                "Docker restarting the container", List.of());
        String ip = inspect(FAIL, "{{.NetworkSettings.IPAddress}}");
        assertTrue(GuestProbe.awaitHttp(ip, BOOT).contains("<html"), "the restarted guest answers");
        assertNotEquals(first.pid(), inspect(FAIL, "{{.State.Pid}}"), "a new container process");
        String logs = docker("logs", FAIL).output();
        assertTrue(logs.lines().anyMatch(l -> l.startsWith("runner: QEMU was killed by signal 9 (exit status 137")),
                "the runner said why the container failed, and did not take SIGKILL's 137 for a guest's status: " + logs);
        assertEquals(2, logs.lines().filter(l -> l.contains("listening on :80")).count(), "two boots in the console: " + logs);
    }

    /** A guest that answers HTTP; its container's init process and QEMU on the host. */
    private record Guest(String id, String ip, String pid, long qemu) {
    }

    private static Guest start(String name, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker", "run", "-d", "--runtime", "unikernel", "--name", name));
        command.addAll(List.of(options));
        command.add(IMAGE);
        var run = HostCommand.run(command.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.output());
        String ip = inspect(name, "{{.NetworkSettings.IPAddress}}");
        assertTrue(GuestProbe.awaitHttp(ip, BOOT).contains("<html"));
        return new Guest(inspect(name, "{{.Id}}"), ip, inspect(name, "{{.State.Pid}}"), qemuOf(name));
    }

    /** The QEMU the runner started: a child of the container's init process. */
    private static long qemuOf(String name) {
        long init = Long.parseLong(inspect(name, "{{.State.Pid}}"));
        return ProcessHandle.of(init).orElseThrow().children()
                .filter(p -> p.info().command().orElse("").endsWith("qemu-system-x86_64"))
                .findFirst().orElseThrow(() -> new AssertionError("no QEMU under " + name + "'s init " + init)).pid();
    }

    private static void assertNothingLeft(Guest guest) throws InterruptedException {
        await(() -> ProcessHandle.of(guest.qemu()).map(p -> !p.isAlive()).orElse(true), "QEMU ending", List.of());
        await(() -> !Files.exists(RUNC_ROOT.resolve(guest.id())), "runc's state going from " + RUNC_ROOT, List.of());
        assertFalse(GuestProbe.pings(guest.ip()), "nothing answers at the guest's address " + guest.ip());
    }

    private static void get(String ip, String path) throws InterruptedException {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            // the guest's console line, not the answer, is what the caller looks for
        }
    }

    private static Thread readLines(Process process, ConcurrentLinkedQueue<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended: what it wrote is in lines
            }
        }, "s3rl-logs-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void await(BooleanSupplier condition, String what, Iterable<String> seen) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        fail("no " + what + " within " + BOOT.toSeconds() + " s; seen: " + String.join("\n", seen));
    }

    private static String screen() {
        return HostCommand.run("tmux", "capture-pane", "-p", "-t", ATTACH).output();
    }
}
