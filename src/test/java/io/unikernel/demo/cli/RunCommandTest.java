package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-unikernel run as a user calls it: its output, its timings, and Ctrl-C/SIGTERM in the middle. */
class RunCommandTest {
    private static ContainerEngine engine;

    @BeforeAll
    static void buildImage() {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
    }

    @AfterEach
    void removeCliContainers() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of("cli"));
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void printsTheContainerIdAndWithTimingsOnePhasePerLineOnStderr() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(List.of("run", "--timings", "--name", "du-cli-timings", TestImage.NAME),
                new PrintStream(out, true), new PrintStream(err, true));
        assertEquals(0, status, err.toString());
        String id = out.toString().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals(Optional.of(id), engine.inspect("du-cli-timings").map(ContainerInfo::id));
        List<String> lines = err.toString().lines().toList();
        assertEquals(List.of("checks", "kvm", "create", "start", "inspect", "plumbing", "total"),
                lines.stream().map(l -> l.split(" ")[0]).toList(), err.toString());
        assertTrue(lines.stream().allMatch(l -> l.matches("[a-z]+ \\d+ ms")), err.toString());
    }

    @Test
    void sigtermDuringTheLaunchRemovesTheHalfMadeContainer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process cli = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--name", "du-cli-sigterm", TestImage.NAME).redirectErrorStream(true).start();
        try {
            // Docker says "created" until the start call returns: the launch is then certainly half done.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!engine.inspect("du-cli-sigterm").map(c -> c.status().equals("created")).orElse(false)) {
                assertTrue(System.nanoTime() < deadline, "the CLI never created its container");
                assertTrue(cli.isAlive(), () -> "the CLI ended early (" + cli.exitValue() + "): " + output(cli));
                Thread.sleep(5);
            }
            cli.destroy();
            assertTrue(cli.waitFor(30, TimeUnit.SECONDS));
            assertEquals(143, cli.exitValue(), "128 + SIGTERM");
            assertEquals(Optional.empty(), engine.inspect("du-cli-sigterm"));
        } finally {
            cli.destroyForcibly();
        }
    }

    private static String output(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
