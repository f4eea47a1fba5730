package io.unikernel.demo.scene;

/** Puts a guest's serial console in the console pane. */
public record ConsoleStep(String container) implements Step {
    @Override
    public String describe() {
        return "show " + container + "'s console";
    }
}
