package io.unikernel.demo.scene;

import java.time.Duration;
import java.util.Optional;

/**
 * An interactive host command: the console steps aside and the command gets the terminal until it
 * exits. Rehearsed without a terminal it runs as an exec step: {@code input} goes to its stdin, its
 * output must contain {@code expect} when given, and the timeout applies.
 */
public record ShellStep(String command, Optional<String> input, Optional<String> expectText, Duration timeout)
        implements Step {
    @Override
    public String describe() {
        return "$ " + command + " (interactive)";
    }
}
