package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code docker-unikernel run -a} as a user runs it: the CLI's exit status is the guest's, from Docker's wait API. */
class RunAttachTest {
    private static final String NAME = "tproc-attach";
    private static ContainerEngine engine;

    @BeforeAll
    static void buildImage() {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
    }

    @AfterEach
    void removeContainer() {
        HostCommand.run("docker", "rm", "-f", NAME);
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @ParameterizedTest(name = "--rm {0}")
    @ValueSource(booleans = {false, true})
    void aKilledGuestMakesRunDashAExitWithTheContainersStatus(boolean removeOnExit) throws Exception {
        Path console = Files.createTempFile("tproc-attach", ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "-a", "--name", NAME));
        if (removeOnExit) {
            command.add("--rm");
        }
        command.add(TestImage.NAME);
        // stdin stays an open pipe, as a keyboard would: the attach must end because the guest did.
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.readString(console).contains("guest: httpd listening")) {
                assertTrue(System.nanoTime() < deadline, "the guest never booted: " + Files.readString(console));
                assertTrue(cli.isAlive(), () -> "the CLI ended early (" + cli.exitValue() + "): " + text(console));
                Thread.sleep(100);
            }
            assertEquals(0, HostCommand.run("docker", "kill", NAME).exitCode());

            assertTrue(cli.waitFor(60, TimeUnit.SECONDS), "run -a still attached after the guest was killed");
            assertEquals(137, cli.exitValue(), "128 + SIGKILL, as docker run -a says: " + text(console));
            assertEquals(removeOnExit, engine.inspect(NAME).isEmpty(), "with --rm the container is gone; without, it stays");
        } finally {
            cli.destroyForcibly();
            Files.deleteIfExists(console);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
