package io.unikernel.demo.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Restarts the real dockerd the way {@code scripts/prepare-host.sh} starts it (systemd's docker
 * unit where systemd runs, else {@code dockerd} in the background logging to
 * {@value #LOG}). Only under {@code flock /tmp/it.lock}: every container on the host dies with it.
 */
public final class Dockerd {
    static final String LOG = "/var/log/dockerd.log";
    private static final Duration STOP = Duration.ofSeconds(30);
    private static final Duration START = Duration.ofSeconds(60);

    private Dockerd() {
    }

    /** Stops dockerd, waits until it is gone, starts it again and waits until it answers. */
    public static void restart() throws InterruptedException {
        stop();
        ensureRunning();
    }

    /** Starts dockerd unless it answers; returns once it does. For a test's cleanup, also after a failure. */
    public static void ensureRunning() throws InterruptedException {
        if (answers()) {
            return;
        }
        if (systemd()) {
            HostCommand.run("systemctl", "start", "docker");
        } else if (pid().isEmpty()) {
            try {
                new ProcessBuilder("setsid", "-f", "dockerd")
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(LOG)))
                        .redirectErrorStream(true).start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException("Failed to start dockerd: " + e.getMessage(), e);
            }
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dockerd did not answer within " + START.toSeconds() + " s; see " + LOG);
            }
            Thread.sleep(200);
        }
    }

    private static void stop() throws InterruptedException {
        if (systemd()) {
            HostCommand.run("systemctl", "stop", "docker");
            return;
        }
        String pid = pid().orElseThrow(() -> new IllegalStateException("no dockerd runs"));
        HostCommand.run("kill", "-TERM", pid);
        long deadline = System.nanoTime() + STOP.toNanos();
        while (Files.exists(Path.of("/proc", pid))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("dockerd (pid " + pid + ") did not stop within " + STOP.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private static java.util.Optional<String> pid() {
        var found = HostCommand.run("pidof", "dockerd");
        String text = found.output().strip();
        return found.exitCode() == 0 && !text.isEmpty() ? java.util.Optional.of(text.split("\\s+")[0])
                : java.util.Optional.empty();
    }

    private static boolean answers() {
        return HostCommand.run("docker", "info", "--format", "{{.ServerVersion}}").exitCode() == 0;
    }

    private static boolean systemd() {
        return HostCommand.run("sh", "-c", "command -v systemctl && systemctl is-system-running").exitCode() == 0;
    }
}
