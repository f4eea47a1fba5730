package io.unikernel.demo.scene;

import io.unikernel.demo.launcher.RunOptions;

import java.util.List;

/** {@code docker-unikernel run} with these arguments, checked when the file is read. */
public record RunStep(List<String> args, RunOptions options) implements Step {
    public RunStep {
        args = List.copyOf(args);
    }

    @Override
    public String describe() {
        return "docker-unikernel run " + String.join(" ", args);
    }
}
