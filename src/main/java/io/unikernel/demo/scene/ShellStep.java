package io.unikernel.demo.scene;

import java.util.Optional;

/**
 * An interactive host command: the console steps aside and the command gets the terminal until it
 * exits. Rehearsed without a terminal: {@code input} goes to its stdin and its output must contain
 * {@code expect} when given.
 */
public record ShellStep(String command, Optional<String> input, Optional<String> expectText) implements Step {
    @Override
    public String describe() {
        return "$ " + command + " (interactive)";
    }
}
