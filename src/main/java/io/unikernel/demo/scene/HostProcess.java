package io.unikernel.demo.scene;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A scene's host command through {@code sh -c}, its output shown line by line as it comes. */
final class HostProcess {
    static final Duration TIMEOUT = Duration.ofMinutes(10);

    record Result(int exitStatus, List<String> output) {
        String text() {
            return String.join("\n", output);
        }
    }

    private HostProcess() {
    }

    static Result run(String command, Optional<String> input, StepOutput out) throws StepFailure, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        if (input.isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new StepFailure("cannot start sh to run \"" + command + "\": " + e.getMessage(), e);
        }
        try {
            if (input.isPresent()) {
                try (OutputStream stdin = process.getOutputStream()) {
                    stdin.write((input.get() + "\n").getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // the command exited without reading its input: its status and output tell why
                }
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                    out.line(line);
                }
            } catch (IOException e) {
                throw new StepFailure("lost the output of \"" + command + "\": " + e.getMessage(), e);
            }
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new StepFailure("\"" + command + "\" still running after " + TIMEOUT.toMinutes() + " minutes; stopped it");
            }
            return new Result(process.exitValue(), lines);
        } finally {
            process.destroyForcibly();
        }
    }
}
