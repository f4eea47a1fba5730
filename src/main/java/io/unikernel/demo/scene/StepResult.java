package io.unikernel.demo.scene;

import java.time.Duration;

/** How a step ended, in words for the presenter, and how long it took. */
public record StepResult(Outcome outcome, String summary, Duration duration) {
    public enum Outcome { PASSED, FAILED, SKIPPED }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
