package io.unikernel.demo.testsupport;

import java.io.File;
import java.io.IOException;
import java.time.Duration;

/**
 * The host's own containerd (Debian's {@code /usr/bin/containerd} with {@code /etc/containerd/config.toml},
 * on {@code /run/containerd/containerd.sock}), the one a Kubernetes node runs; not the one dockerd
 * manages for itself. Started as {@code scripts/prepare-host.sh} starts it when it does not answer,
 * and left running, like dockerd.
 */
public final class Containerd {
    static final String LOG = "/var/log/containerd.log";
    private static final String BINARY = "/usr/bin/containerd";
    private static final Duration START = Duration.ofSeconds(30);

    private Containerd() {
    }

    /** Starts containerd unless it answers; returns once it does. */
    public static void ensureRunning() throws InterruptedException {
        if (answers()) {
            return;
        }
        if (systemd()) {
            HostCommand.run("systemctl", "start", "containerd");
        } else {
            try {
                new ProcessBuilder("setsid", "-f", BINARY)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(LOG)))
                        .redirectErrorStream(true).start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException("Failed to start " + BINARY + ": " + e.getMessage(), e);
            }
        }
        long deadline = System.nanoTime() + START.toNanos();
        while (!answers()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("containerd did not answer within " + START.toSeconds() + " s; see " + LOG);
            }
            Thread.sleep(200);
        }
    }

    /** ctr version asks the daemon too, and fails when it cannot reach it. */
    private static boolean answers() {
        return HostCommand.run("ctr", "version").exitCode() == 0;
    }

    private static boolean systemd() {
        return HostCommand.run("sh", "-c", "command -v systemctl && systemctl is-system-running").exitCode() == 0;
    }
}
