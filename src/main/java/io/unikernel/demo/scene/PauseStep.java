package io.unikernel.demo.scene;

/** Waits for the presenter's key (skipped when rehearsing). */
public record PauseStep(String message) implements Step {
    @Override
    public String describe() {
        return "pause: " + message;
    }
}
