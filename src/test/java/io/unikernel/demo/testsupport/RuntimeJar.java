package io.unikernel.demo.testsupport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The jar and class-data archive that docker-unikernel-runtime starts its JVM from
 * ({@code target/docker-unikernel.jar}). Maven runs the tests before it packages, so a fresh
 * checkout has none yet: {@code scripts/build-jar.sh} builds it, and does nothing when it is current.
 */
public final class RuntimeJar {
    private static final Path SCRIPT = Path.of("scripts", "build-jar.sh");
    private static final long TIMEOUT_MINUTES = 5;
    private static boolean built;

    private RuntimeJar() {
    }

    public static synchronized void ensureBuilt() throws IOException, InterruptedException {
        if (built) {
            return;
        }
        HostCommand.Result build = HostCommand.runLogged(Duration.ofMinutes(TIMEOUT_MINUTES), "bash", SCRIPT.toString());
        if (build.exitCode() != 0) {
            throw new IllegalStateException(SCRIPT + " failed (exit " + build.exitCode() + "):\n" + build.output().strip());
        }
        built = true;
    }
}
