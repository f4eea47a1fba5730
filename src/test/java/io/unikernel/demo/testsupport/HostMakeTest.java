package io.unikernel.demo.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs a guest-side directory's host-compiled C tests ({@code make -C DIR test OUT=...}) and returns their output. */
public final class HostMakeTest {
    private HostMakeTest() {
    }

    /** The output of {@code make test} in DIR (under the repository), after asserting it finished in time and passed. */
    public static String run(Path dir, Path out) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(dir.resolve("Makefile")), "no " + dir.resolve("Makefile"));
        Path log = out.resolve("make.log");
        Process make;
        try {
            make = new ProcessBuilder("make", "-C", dir.toString(), "test", "OUT=" + out)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot run make (install build-essential): " + e.getMessage(), e);
        }
        boolean finished = make.waitFor(3, TimeUnit.MINUTES);
        if (!finished) {
            make.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(finished, "make test did not finish in 3 minutes:\n" + output);
        assertEquals(0, make.exitValue(), "make test failed:\n" + output);
        return output;
    }
}
