package io.unikernel.demo.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
        Path log = Files.createTempFile("unikernel-runtime-jar", ".log");
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (!finished || process.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + (finished ? " failed (exit " + process.exitValue() + ")" : " took longer than "
                        + TIMEOUT_MINUTES + " minutes") + ":\n" + output);
            }
            built = true;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
