package io.unikernel.demo.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts this host's dockerd the way the project starts it (scripts/prepare-host.sh
 * starts it when it is not running). It affects everyone on the host: only under /tmp/it.lock.
 */
public final class DockerDaemon {
    private static final Path PID_FILE = Path.of("/var/run/docker.pid");
    private static final Path PREPARE = Path.of("scripts/prepare-host.sh");
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(60);
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);

    private DockerDaemon() {
    }

    public static boolean running() {
        return HostCommand.run("docker", "info", "--format", "{{.ID}}").exitCode() == 0;
    }

    /** SIGTERM to dockerd, then waits until it is gone. */
    public static void stop() throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(PID_FILE).strip());
        Optional<ProcessHandle> dockerd = ProcessHandle.of(pid);
        if (dockerd.isEmpty()) {
            return;
        }
        dockerd.get().destroy();
        long deadline = System.nanoTime() + STOP_PATIENCE.toNanos();
        while (dockerd.get().isAlive()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dockerd (pid " + pid + ") did not stop within " + STOP_PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    /** Starts dockerd as prepare-host.sh does, in its own session (no test's signals reach it), and waits for it. */
    public static void start() throws IOException, InterruptedException {
        Path log = Files.createTempFile("tterm-prepare-host", ".log");
        try {
            Process prepare = new ProcessBuilder("setsid", "bash", PREPARE.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!prepare.waitFor(START_PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                prepare.destroyForcibly();
            }
            if (!running()) {
                throw new IllegalStateException("dockerd did not come back:\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** For a test's clean-up: whatever happened, dockerd runs afterwards. */
    public static void ensureRunning() throws IOException, InterruptedException {
        if (!running()) {
            start();
        }
    }
}
