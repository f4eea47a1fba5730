package io.unikernel.demo.runtime;

import io.unikernel.demo.cli.HelperProcess;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.BusyboxImage;
import io.unikernel.demo.testsupport.DaemonJsonBackup;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.unikernel.demo.testsupport.DockerCli.docker;
import static io.unikernel.demo.testsupport.DockerCli.inspect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker run --runtime unikernel, through the real docker CLI, dockerd, containerd's runc shim, runc and a TCG guest. */
class RuntimeDockerTest {
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final String NGINX = "unikernel/nginx";
    private static final String NGINX_PAGE = "nginx unikernel";
    /** Where Docker's shim keeps runc's state for the runtime named unikernel. */
    private static final Path RUNC_ROOT = Path.of("/var/run/docker/runtime-" + RuntimeRegistration.NAME + "/moby");
    private static final List<String> NAMES = List.of("trt-web", "trt-plain", "trt-none", "trt-nohelper");
    private static final Path HELPER_LOG = Path.of(HelperProcess.LOG);
    private static DaemonJsonBackup backup;

    @BeforeAll
    static void installRuntime() throws Exception {
        DemoImages.ensureBuilt();
        RuntimeJar.ensureBuilt();
        try (ContainerEngine engine = ContainerEngine.connect()) {
            BusyboxImage.ensure(engine);
        }
        backup = DaemonJsonBackup.takeAndInstallRuntime();
    }

    @AfterEach
    void removeOurContainers() {
        for (String name : NAMES) {
            HostCommand.run("docker", "rm", "-f", name);
        }
    }

    @AfterAll
    static void restoreDaemonJson() throws Exception {
        backup.close();
    }

    @Test
    void nginxAnswersByIpAndPublishedPortLogsRestartsAndStops() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        var run = docker("run", "-d", "--runtime", "unikernel", "--name", "trt-web", "-p", port + ":80", NGINX);
        assertEquals(0, run.exitCode(), run.output());
        String ip = inspect("trt-web", "{{.NetworkSettings.IPAddress}}");
        String id = inspect("trt-web", "{{.Id}}");
        assertTrue(Files.readString(HELPER_LOG).contains("runtime helper: plumb " + id + ": status 0"),
                "the resident helper, not a JVM of its own, plumbed the create");

        assertTrue(GuestProbe.awaitHttp(ip, BOOT).contains(NGINX_PAGE));
        assertTrue(GuestProbe.awaitHttp("127.0.0.1:" + port, Duration.ofSeconds(30)).contains(NGINX_PAGE));
        assertEquals("unikernel", inspect("trt-web", "{{.HostConfig.Runtime}}"));
        String logs = docker("logs", "trt-web").output();
        assertTrue(logs.contains("runner: nginx mac") || logs.contains("mac "), "the serial console is docker logs: " + logs);

        String pid = inspect("trt-web", "{{.State.Pid}}");
        assertEquals(0, docker("restart", "-t", "20", "trt-web").exitCode());
        assertNotEquals(pid, inspect("trt-web", "{{.State.Pid}}"), "a new container process");
        assertTrue(GuestProbe.awaitHttp(inspect("trt-web", "{{.NetworkSettings.IPAddress}}"), BOOT).contains(NGINX_PAGE),
                "plumbed again after docker restart");

        assertEquals(0, docker("stop", "-t", "20", "trt-web").exitCode());
        assertEquals("false 0", inspect("trt-web", "{{.State.Running}} {{.State.ExitCode}}"), "docker stop ends the guest cleanly");
    }

    @Test
    void anImageWithoutOurRunnerRunsAsPlainRunc() {
        var run = docker("run", "--rm", "--runtime", "unikernel", "--name", "trt-plain", BusyboxImage.NAME,
                "sh", "-c", "ls /dev/tap0 /ip 2>&1; cat /sys/class/net/eth0/operstate");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("/dev/tap0: No such file or directory"), run.output());
        assertTrue(run.output().contains("/ip: No such file or directory"), run.output());
        assertTrue(run.output().strip().endsWith("up"), "eth0 is the container's own: " + run.output());
    }

    @Test
    void aPlumbingFailureFailsDockerRunWithOurLineAndLeavesNothing() throws Exception {
        List<String> statesBefore = runcStates();
        var run = docker("run", "-d", "--rm", "--runtime", "unikernel", "--network", "none", "--name", "trt-none", NGINX);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("docker-unikernel-runtime: The container has no eth0 interface to bridge the guest onto:"
                + " run it on a bridge network (not --network none or host)"), run.output());
        assertEquals("", docker("ps", "-aq", "--filter", "name=^trt-none$").output().strip(), "no container left");
        assertEquals(statesBefore, runcStates(), "no runc state left behind in " + RUNC_ROOT);
    }

    @Test
    void withoutTheHelperAJvmOfItsOwnDoesTheCreate() throws Exception {
        assertTrue(HelperProcess.running().isPresent(), "runtime install started the helper");
        HelperProcess.stop();
        try {
            var run = docker("run", "-d", "--runtime", "unikernel", "--name", "trt-nohelper", NGINX);
            assertEquals(0, run.exitCode(), run.output());
            String id = inspect("trt-nohelper", "{{.Id}}");
            assertTrue(GuestProbe.awaitHttp(inspect("trt-nohelper", "{{.NetworkSettings.IPAddress}}"), BOOT).contains(NGINX_PAGE));
            assertFalse(Files.readString(HELPER_LOG).contains(id), "no helper took part");
        } finally {
            HelperProcess.start(Path.of("target", "docker-unikernel.jar").toAbsolutePath());
        }
    }

    private static List<String> runcStates() throws IOException {
        if (!Files.isDirectory(RUNC_ROOT)) {
            return List.of();
        }
        try (var states = Files.list(RUNC_ROOT)) {
            return states.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void nonCreateVerbsReachRuncUnchanged() {
        var version = HostCommand.run(Path.of("docker-unikernel-runtime").toAbsolutePath().toString(), "--version");
        assertEquals(HostCommand.run("runc", "--version").output(), version.output());
        assertFalse(version.output().isEmpty());
    }
}
