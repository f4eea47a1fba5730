package io.unikernel.demo.scene;

import java.time.Duration;

/** Waits, with a countdown, until a guest's service answers or the timeout passes. */
public record WaitStep(WaitCondition condition, Duration timeout) implements Step {
    @Override
    public String describe() {
        return "wait for " + condition.describe() + " (up to " + timeout.toSeconds() + " s)";
    }
}
