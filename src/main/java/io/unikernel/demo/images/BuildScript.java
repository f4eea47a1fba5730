package io.unikernel.demo.images;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * One of the project's build scripts (kernel, init, build root, payloads, runtime). Its stderr
 * lines are progress, its stdout is its result; a failure shows the last lines it printed.
 */
final class BuildScript {
    private static final int TAIL_LINES = 15;

    private final Path workingDirectory;

    BuildScript(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** Runs the command and returns its stdout lines; each stderr line goes to progress. */
    List<String> run(List<String> command, Consumer<String> progress) throws BuildException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new BuildException("Failed to start " + command.get(0) + ": " + e.getMessage(), e);
        }
        Deque<String> tail = new ArrayDeque<>();
        Thread errors = new Thread(() -> {
            try (BufferedReader r = process.errorReader(StandardCharsets.UTF_8)) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > TAIL_LINES) {
                            tail.removeFirst();
                        }
                    }
                    progress.accept(line);
                }
            } catch (IOException e) {
                progress.accept("(lost the rest of the output: " + e.getMessage() + ")");
            }
        }, "build-stderr");
        errors.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.add(line);
            }
            int status = process.waitFor();
            errors.join();
            if (status != 0) {
                synchronized (tail) {
                    throw new BuildException("Failed to run " + String.join(" ", command) + " (exit " + status
                            + "); its last lines:\n  " + String.join("\n  ", tail));
                }
            }
            return out;
        } catch (IOException e) {
            throw new BuildException("Failed to read the output of " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new BuildException("Interrupted while running " + command.get(0), e);
        }
    }
}
