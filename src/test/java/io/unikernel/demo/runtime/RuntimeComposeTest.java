package io.unikernel.demo.runtime;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.DaemonJsonBackup;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's docker-compose brings up examples/blog/compose.yaml (runtime: unikernel, a named
 * volume for the posts) on the real dockerd; the guests find each other through our DNS server.
 */
class RuntimeComposeTest {
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static final String PROJECT = "trt-blog";
    private static final String COMPOSE_FILE = "examples/blog/compose.yaml";
    private static DaemonJsonBackup backup;
    private static ContainerEngine engine;
    private static ContainerDns dns;
    private static int port;

    @BeforeAll
    static void installRuntimeAndStartDns() throws Exception {
        DemoImages.ensureBuilt();
        RuntimeJar.ensureBuilt();
        backup = DaemonJsonBackup.takeAndInstallRuntime();
        engine = ContainerEngine.connect();
        // The default state directory: the runtime's JVM reads there which DNS server to hand the guests.
        dns = ContainerDns.start(engine, ContainerDns.Options.defaults());
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        compose("down", "-v");
        dns.close();
        engine.close();
        backup.close();
    }

    private static HostCommand.Result compose(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-p", PROJECT, "-f", COMPOSE_FILE));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("BLOG_PORT", Integer.toString(port));
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 3 minutes");
        }
        return new HostCommand.Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static String blog() throws InterruptedException {
        return GuestProbe.awaitHttp("127.0.0.1:" + port, BOOT);
    }

    @Test
    void aPostSurvivesDownAndUpAndDownMinusVLeavesNothing() throws Exception {
        var up = compose("up", "-d");
        assertEquals(0, up.exitCode(), up.output());
        assertTrue(blog().contains("post.php?id="), "the blog lists its posts through php-blog");

        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin.php"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=Composed+unikernels&body=Posted+through+docker-compose"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(posted.statusCode() == 303 || posted.statusCode() == 200, posted.statusCode() + " " + posted.body());
        assertTrue(blog().contains("Composed unikernels"));

        var down = compose("down");
        assertEquals(0, down.exitCode(), down.output());
        up = compose("up", "-d");
        assertEquals(0, up.exitCode(), up.output());
        long deadline = System.nanoTime() + BOOT.toNanos();
        String page = blog();
        while (!page.contains("Composed unikernels") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            page = blog();
        }
        assertTrue(page.contains("Composed unikernels"), "the post survived down and up: " + page);

        var gone = compose("down", "-v");
        assertEquals(0, gone.exitCode(), gone.output());
        String label = "label=com.docker.compose.project=" + PROJECT;
        assertEquals("", HostCommand.run("docker", "ps", "-aq", "--filter", label).output().strip(), "no container");
        assertEquals("", HostCommand.run("docker", "volume", "ls", "-q", "--filter", label).output().strip(), "no volume");
        assertEquals("", HostCommand.run("docker", "network", "ls", "-q", "--filter", label).output().strip(), "no network");
    }
}
