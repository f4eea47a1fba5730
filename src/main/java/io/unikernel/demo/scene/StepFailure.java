package io.unikernel.demo.scene;

/** A step did not do what it should; the message says what happened and what to do. */
public final class StepFailure extends Exception {
    public StepFailure(String message) {
        super(message);
    }

    public StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
