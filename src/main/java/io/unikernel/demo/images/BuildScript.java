package io.unikernel.demo.images;

import io.unikernel.demo.host.HostProcess;
import io.unikernel.demo.host.ProcessSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of the project's build scripts (kernel, init, build root, payloads, runtime). Its stderr
 * lines are progress, its stdout is its result; a failure shows the last lines it printed. A
 * build that fails, times out or is cancelled (the calling thread interrupted) leaves none of its
 * processes behind, and so holds none of the cache's locks.
 */
final class BuildScript {
    private static final int TAIL_LINES = 15;
    /** The kernel takes 4 minutes on idle cores and 12 on busy ones; an hour means it hangs. */
    static final Duration TIMEOUT = Duration.ofHours(1);

    private final Path workingDirectory;

    BuildScript(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** Runs the command and returns its stdout lines; each stderr line goes to progress. */
    List<String> run(List<String> command, Consumer<String> progress) throws BuildException {
        String name = command.get(0);
        Deque<String> tail = new ArrayDeque<>();
        List<String> out = new ArrayList<>();
        int status;
        try {
            status = HostProcess.run(ProcessSpec.of(command).in(workingDirectory).withTimeout(TIMEOUT), out::add, line -> {
                tail.addLast(line);
                if (tail.size() > TAIL_LINES) {
                    tail.removeFirst();
                }
                progress.accept(line);
            });
        } catch (IOException e) {
            throw new BuildException("Failed to run " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("Cancelled " + name + "; stopped it and every process it started", e);
        }
        if (status != 0) {
            throw new BuildException("Failed to run " + String.join(" ", command) + " (exit " + status
                    + "); its last lines:\n  " + String.join("\n  ", tail));
        }
        return out;
    }
}
