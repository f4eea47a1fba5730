package io.unikernel.demo.host;

import io.unikernel.demo.testsupport.ProcessState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real processes: what a command started is gone after a timeout, an interruption, or its own exit. */
class HostProcessTest {
    @TempDir
    Path dir;

    @Test
    void outputAndErrorsArriveSeparatelyTheInputIsFedAndTheStatusIsReturned() throws Exception {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();

        int status = HostProcess.run(ProcessSpec.shell("read line; echo got $line; echo oops >&2; exit 3")
                .withInput(Optional.of("hello")), out::add, err::add);

        assertEquals(3, status);
        assertEquals(List.of("got hello"), out);
        assertEquals(List.of("oops"), err);
    }

    @Test
    void theCommandLeadsASessionOfItsOwn() throws Exception {
        List<String> out = new ArrayList<>();

        HostProcess.run(ProcessSpec.shell("echo $$; cut -d' ' -f5,6 /proc/$$/stat"), out::add, line -> { });

        String pid = out.get(0);
        assertEquals(pid + " " + pid, out.get(1), "process group and session are the command's own pid");
    }

    @Test
    void aTimeoutStopsTheCommandAndItsChildrenAndSaysSo() throws Exception {
        Path pids = dir.resolve("pids");
        ProcessSpec spec = ProcessSpec.shell("sleep 1000 & echo $! > " + pids + "; wait").withTimeout(Duration.ofSeconds(2));

        ProcessTimeoutException e = assertThrows(ProcessTimeoutException.class,
                () -> HostProcess.run(spec, line -> { }, line -> { }));

        assertEquals("\"sleep 1000 & echo $! > " + pids + "; wait\" still running after its timeout of 2 s;"
                + " stopped it and every process it started", e.getMessage());
        assertGone(Files.readString(pids).strip());
    }

    @Test
    void interruptingTheCallerStopsTheWholeTree() throws Exception {
        Path pids = dir.resolve("pids");
        Thread caller = Thread.currentThread();
        CompletableFuture<Void> interrupter = CompletableFuture.runAsync(() -> {
            try {
                while (!Files.exists(pids) || Files.readString(pids).isBlank()) {
                    Thread.sleep(10);
                }
                caller.interrupt();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThrows(InterruptedException.class, () -> HostProcess.run(
                ProcessSpec.shell("sleep 1000 & echo $! > " + pids + ".part; mv " + pids + ".part " + pids + "; wait"),
                line -> { }, line -> { }));

        interrupter.get(10, TimeUnit.SECONDS);
        assertGone(Files.readString(pids).strip());
    }

    @Test
    void sigtermOfThisJvmStopsTheCommandsItRuns() throws Exception {
        Path pids = dir.resolve("pids");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HostProcessHolder.class.getName(),
                pids.toString()).redirectErrorStream(true).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(pids)) {
                assertTrue(System.nanoTime() < deadline && jvm.isAlive(), "the command never started");
                Thread.sleep(20);
            }
            String sleep = Files.readString(pids).strip();
            assertTrue(ProcessState.running(Long.parseLong(sleep)));

            jvm.destroy();

            assertTrue(jvm.waitFor(30, TimeUnit.SECONDS), "the JVM ended on SIGTERM");
            assertEquals(143, jvm.exitValue(), "128 + SIGTERM");
            assertGone(sleep);
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void childrenLeftBehindGoWithTheirParentEvenInAGroupOfTheirOwn() throws Exception {
        List<String> out = new ArrayList<>();

        // set -m: the shell puts its background job in a process group of its own, still in the session.
        int status = HostProcess.run(ProcessSpec.shell("set -m; sleep 1000 > /dev/null 2>&1 & echo $!"), out::add, line -> { });

        assertEquals(0, status);
        assertGone(out.get(0));
    }

    @Test
    void aMissingProgramExitsWith127NamingItOnStderr() throws Exception {
        List<String> err = new ArrayList<>();

        int status = HostProcess.run(ProcessSpec.of("/no/such/program"), line -> { }, err::add);

        assertEquals(127, status, "as a shell reports a command not found");
        assertTrue(String.join("\n", err).contains("/no/such/program"), err.toString());
    }

    @Test
    void aTimeoutMustBeAboveZero() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcessSpec.of("true").withTimeout(Duration.ZERO));
        assertEquals("a timeout must be above zero, not PT0S", e.getMessage());
    }

    private static void assertGone(String pid) {
        assertFalse(ProcessState.running(Long.parseLong(pid)), "process " + pid + " is still running");
    }
}
