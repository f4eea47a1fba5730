package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.JarStamp;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The run helper and its client (scripts/run-client.pl) over a real Unix socket, with real Docker
 * and the test image, and a stand-in for the docker-unikernel script that records how it was
 * handed a run back. HelperCommandTest covers the whole way from ./docker-unikernel.
 */
class RunServiceTest {
    private static final Path CLIENT = Path.of("scripts", "run-client.pl").toAbsolutePath();
    private static ContainerEngine engine;

    @TempDir
    Path dir;
    private Path socket;
    private Path jar;
    private RunService service;
    private Thread serving;

    @BeforeAll
    static void buildImage() {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @BeforeEach
    void startService() throws Exception {
        socket = dir.resolve("run.sock");
        jar = Files.writeString(dir.resolve("helper.jar"), "the jar as the helper was started from it");
        service = RunService.bind(socket, Optional.of(JarStamp.of(jar)), System.getenv());
        serving = new Thread(service::serve, "test-run-helper");
        serving.start();
    }

    @AfterEach
    void stop() throws Exception {
        service.close();
        serving.join(TimeUnit.SECONDS.toMillis(10));
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of("cli"));
    }

    /** docker-unikernel: records the mode it was handed back in, and its arguments. */
    private Path fakeWrapper() throws IOException {
        Path wrapper = dir.resolve("wrapper");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$UNIKERNEL_RUN_HELPER $*\" > '" + dir.resolve("wrapper-call") + "'\nexit 0\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    private String wrapperCall() throws IOException {
        Path call = dir.resolve("wrapper-call");
        return Files.exists(call) ? Files.readString(call).strip() : "";
    }

    private record Run(int status, String stdout, String stderr) {
    }

    private ProcessBuilder client(List<String> prefix, Map<String, String> extraEnv, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("perl", CLIENT.toString(), socket.toString(), fakeWrapper().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(extraEnv);
        return builder;
    }

    private static Run finish(Process process) throws Exception {
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the client finished");
        return new Run(process.exitValue(), stdout, stderr);
    }

    private Run run(String... args) throws Exception {
        return finish(client(List.of(), Map.of(), args).start());
    }

    /** What a JVM of the client's own prints for the same run. */
    private static Run inThisJvm(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        int status = Main.run(all, new PrintStream(out, true), new PrintStream(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void aDetachedRunIsDoneByTheHelperAndItsGuestServes() throws Exception {
        Run run = run("--name", "du-helper-run", TestImage.NAME);

        assertEquals(0, run.status(), run.stderr());
        String id = run.stdout().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), run.stdout());
        ContainerInfo info = engine.inspect("du-helper-run").orElseThrow();
        assertEquals(id, info.id());
        assertTrue(GuestProbe.awaitHttp(info.ipAddress().orElseThrow(), Duration.ofSeconds(60)).contains(TestImage.PAGE_MARKER));
        assertEquals("", wrapperCall(), "no JVM was needed");
    }

    @Test
    void theHelpersFailuresAreTheCommandsOwnLineAndStatus() throws Exception {
        for (List<String> args : List.<List<String>>of(List.of("unikernel/no-such-image"), List.of("--no-such-flag", TestImage.NAME), List.of())) {
            Run viaHelper = run(args.toArray(String[]::new));
            Run own = inThisJvm(args.toArray(String[]::new));
            assertTrue(viaHelper.status() != 0, viaHelper.toString());
            assertEquals(own, viaHelper, "the same as a JVM of the client's own for run " + args);
        }
        assertEquals("", wrapperCall());
    }

    @Test
    void anAttachedRunIsHandedBackToAJvm() throws Exception {
        Run run = run("-a", "--name", "du-helper-attach", TestImage.NAME);

        assertEquals(0, run.status(), run.stderr());
        assertEquals("off run -a --name du-helper-attach " + TestImage.NAME, wrapperCall());
        assertEquals(Optional.empty(), engine.inspect("du-helper-attach"), "the helper made no container");
    }

    @Test
    void aClientWhoseEnvironmentDiffersInWhatARunReadsIsHandedBackToAJvm() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("UNIKERNEL_KVM", "off".equals(System.getenv("UNIKERNEL_KVM")) ? "on" : "off");
        Run run = finish(client(List.of(), env, "--name", "du-helper-env", TestImage.NAME).start());

        assertEquals(0, run.status(), run.stderr());
        assertEquals("off run --name du-helper-env " + TestImage.NAME, wrapperCall());
        assertEquals(Optional.empty(), engine.inspect("du-helper-env"));
    }

    @Test
    void aRebuiltJarMakesTheHelperStepAsideAndStop() throws Exception {
        Files.writeString(jar, "a rebuilt jar, of another size");
        Run run = run("--name", "du-helper-stale", TestImage.NAME);

        assertEquals("off run --name du-helper-stale " + TestImage.NAME, wrapperCall());
        assertEquals(0, run.status(), run.stderr());
        serving.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(serving.isAlive(), "the stale helper stopped serving");
    }

    @Test
    void withNoHelperListeningAJvmDoesTheRun() throws Exception {
        service.close();
        Run run = run("--name", "du-helper-none", TestImage.NAME);

        assertEquals(0, run.status(), run.stderr());
        assertEquals("off run --name du-helper-none " + TestImage.NAME, wrapperCall());
    }

    @Test
    void ctrlCDuringTheRunRemovesTheContainerItMade() throws Exception {
        Process client = client(List.of(), Map.of(), "--name", "du-helper-sigint", TestImage.NAME).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (engine.inspect("du-helper-sigint").isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "the helper never created the container");
                assertTrue(client.isAlive(), "the client ended before the container was made");
                Thread.sleep(5);
            }
            new ProcessBuilder("kill", "-INT", Long.toString(client.pid())).start().waitFor();
            Run run = finish(client);

            assertEquals(130, run.status(), run.stderr());
            assertTrue(run.stderr().contains("docker-unikernel: interrupted; removed the container"), run.stderr());
            assertEquals("", run.stdout(), "no id of a container that is gone");
            assertEquals(Optional.empty(), engine.inspect("du-helper-sigint"));
        } finally {
            client.destroyForcibly();
        }
    }

    @Test
    void onlyRootIsAnswered() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Run run = finish(client(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), Map.of(),
                "--name", "du-helper-nobody", TestImage.NAME).start());

        assertEquals(1, run.status(), run.stderr());
        assertEquals("docker-unikernel: the run helper answers root only, not nobody\n", run.stderr());
        assertEquals(Optional.empty(), engine.inspect("du-helper-nobody"));
    }

    @Test
    void theSocketIsRootsAlone() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }
}
