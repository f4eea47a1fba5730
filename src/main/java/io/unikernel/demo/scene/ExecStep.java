package io.unikernel.demo.scene;

import java.time.Duration;
import java.util.Optional;

/**
 * A host command (through {@code sh -c}); its output is shown, a non-zero exit fails the step, and
 * so does its timeout, which stops every process the command started.
 */
public record ExecStep(String command, Optional<String> expectText, Duration timeout) implements Step {
    @Override
    public String describe() {
        return "$ " + command;
    }
}
