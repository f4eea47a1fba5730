package io.unikernel.demo.scene;

import java.util.Optional;

/** A host command (through {@code sh -c}); its output is shown, a non-zero exit fails the step. */
public record ExecStep(String command, Optional<String> expectText) implements Step {
    @Override
    public String describe() {
        return "$ " + command;
    }
}
