package io.unikernel.demo.scene;

import java.util.List;

/** Removes the named containers, or every container this demo started when none are named. */
public record RemoveStep(List<String> containers) implements Step {
    public RemoveStep {
        containers = List.copyOf(containers);
    }

    @Override
    public String describe() {
        return containers.isEmpty() ? "remove the demo's containers" : "remove " + String.join(" ", containers);
    }
}
