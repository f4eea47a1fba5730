package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-unikernel helper start|status|stop and a run through ./docker-unikernel while it runs, as a user would. */
class HelperCommandTest {
    private static final String CLI = Path.of("docker-unikernel").toAbsolutePath().toString();
    private static boolean wasRunning;

    @BeforeAll
    static void buildJarAndImage() throws Exception {
        RuntimeJar.ensureBuilt();
        TestImage.ensureBuilt();
        wasRunning = HelperProcess.running().isPresent();
    }

    @AfterAll
    static void leaveTheHelperAsItWas() {
        if (wasRunning) {
            HelperProcess.start(HelperCommand.jar());
        } else {
            HelperProcess.stop();
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of("cli"));
        }
    }

    @Test
    void aRunWhileTheHelperRunsIsDoneByItAndStatusFollowsStartAndStop() throws Exception {
        var start = HostCommand.run(CLI, "helper", "start");
        assertEquals(0, start.exitCode(), start.output());
        assertEquals(0, HostCommand.run(CLI, "helper", "status").exitCode());
        long logBefore = Files.size(Path.of(HelperProcess.LOG));

        var run = HostCommand.run(CLI, "run", "--name", "du-helper-cli", TestImage.NAME);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().strip().matches("[0-9a-f]{64}"), run.output());
        String log = Files.readString(Path.of(HelperProcess.LOG)).substring((int) logBefore);
        assertTrue(log.contains("run helper: run --name du-helper-cli " + TestImage.NAME + ": status 0"), log);

        var stop = HostCommand.run(CLI, "helper", "stop");
        assertEquals(0, stop.exitCode(), stop.output());
        assertTrue(stop.output().startsWith("Stopped the helper (pid "), stop.output());
        var status = HostCommand.run(CLI, "helper", "status");
        assertEquals(HelperCommand.NOT_RUNNING, status.exitCode(), status.output());
        assertEquals("No helper is running\n", status.output());
        assertTrue(Files.notExists(RunService.SOCKET), "the stopped helper removed its socket");

        var withoutHelper = HostCommand.run(CLI, "run", "--name", "du-helper-cli-jvm", TestImage.NAME);
        assertEquals(0, withoutHelper.exitCode(), withoutHelper.output());
    }

    @Test
    void aWrongVerbIsAUsageError() {
        var wrong = HostCommand.run(CLI, "helper", "restart");
        assertEquals(ParsedCommand.USAGE_ERROR, wrong.exitCode(), wrong.output());
        assertEquals("docker-unikernel: \"helper\" needs one of start, stop, status (see 'docker-unikernel helper --help')\n", wrong.output());
    }
}
