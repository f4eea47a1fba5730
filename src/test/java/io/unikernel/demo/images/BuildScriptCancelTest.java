package io.unikernel.demo.images;

import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.ProcessState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A build script as ours are written (a cache lock taken with flock, then make running a long
 * recipe), cancelled the way a build is: its thread interrupted.
 */
class BuildScriptCancelTest {
    @TempDir
    Path dir;

    @Test
    void aCancelledBuildLeavesNoMakeRunningAndReleasesItsLockAtOnce() throws Exception {
        Path lock = dir.resolve("cache.lock");
        Files.writeString(dir.resolve("Makefile"), "all:\n\tsleep 1000\n");
        Path script = Files.writeString(dir.resolve("build.sh"), """
                #!/bin/sh
                exec 9>"$1"
                flock 9
                echo "holding the lock" >&2
                make -f "$2" all >&2
                """);
        CompletableFuture<Thread> builder = new CompletableFuture<>();
        CompletableFuture<String> makeRuns = new CompletableFuture<>();
        CompletableFuture<Void> build = CompletableFuture.runAsync(() -> {
            builder.complete(Thread.currentThread());
            try {
                new BuildScript(dir).run(List.of("sh", script.toString(), lock.toString(), dir.resolve("Makefile").toString()),
                        line -> {
                            if (line.equals("sleep 1000")) {
                                makeRuns.complete(line);
                            }
                        });
            } catch (BuildException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        makeRuns.get(30, TimeUnit.SECONDS);
        Optional<ProcessHandle> make = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/make")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(dir.resolve("Makefile").toString())).orElse(false))
                .findFirst();
        assertTrue(make.isPresent(), "make runs under the script");
        List<ProcessHandle> tree = make.get().descendants().toList();
        assertTrue(tree.stream().anyMatch(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false)),
                "make runs its recipe");

        builder.get().interrupt();

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> build.get(30, TimeUnit.SECONDS));
        assertInstanceOf(BuildException.class, failure.getCause().getCause());
        assertEquals("Cancelled sh; stopped it and every process it started", failure.getCause().getMessage());
        assertFalse(ProcessState.running(make.get().pid()), "make is gone");
        assertTrue(tree.stream().noneMatch(p -> ProcessState.running(p.pid())), "its recipe is gone");
        assertEquals(0, HostCommand.run("flock", "--nonblock", lock.toString(), "true").exitCode(),
                "the next build takes the lock at once");
    }
}
