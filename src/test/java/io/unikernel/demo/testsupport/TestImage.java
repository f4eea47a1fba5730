package io.unikernel.demo.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The test unikernel image {@value #NAME}: a busybox guest serving "unikernel-test OK" over
 * HTTP, booted by the runner every unikernel image has (guest/runtime/runner). Built by
 * {@code testimage/build.sh} from this host's own files; the script compares a hash of its
 * inputs with a label on the image, so after the first build this costs about a second.
 */
public final class TestImage {
    public static final String NAME = "unikernel-test/httpd";
    /** What the guest's page holds once the whole path (macvtap, tap device, QEMU, guest) works. */
    public static final String PAGE_MARKER = "unikernel-test OK";

    private static final Path SCRIPT = Path.of("testimage", "build.sh");
    // A cold build copies ~120 MB into Docker; on a loaded two-core host that takes a while.
    private static final long TIMEOUT_MINUTES = 5;
    private static boolean built;

    private TestImage() {
    }

    /** Builds or confirms the image, once per JVM; fails with the script's output if it cannot. */
    public static synchronized void ensureBuilt() {
        if (built) {
            return;
        }
        Path script = locateScript();
        Path log = null;
        try {
            // Output goes to a file, so the timeout holds even if the script stops talking.
            log = Files.createTempFile("unikernel-testimage", ".log");
            Process process = new ProcessBuilder("bash", script.toString())
                    .directory(script.getParent().getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8).strip();
            if (!finished) {
                throw new IllegalStateException("Building test image " + NAME + " with " + script
                        + " took longer than " + TIMEOUT_MINUTES + " minutes:\n" + output);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("Building test image " + NAME + " with " + script
                        + " failed (exit " + process.exitValue() + "):\n" + output);
            }
            System.out.println(output);
            built = true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + script + " to build test image " + NAME, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building test image " + NAME, e);
        } finally {
            if (log != null) {
                try {
                    Files.deleteIfExists(log);
                } catch (IOException ignored) {
                    // A leftover log in /tmp is harmless.
                }
            }
        }
    }

    // Surefire runs in the project directory, an IDE may run in a module below it.
    private static Path locateScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Cannot find " + SCRIPT + " in " + Path.of("").toAbsolutePath()
                + " or any directory above it");
    }
}
