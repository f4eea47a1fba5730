package io.unikernel.demo.scene;

import java.util.List;

/** Checks the host (root, Docker, macvtap, KVM, images, port 53, memory, disk) and shows the checklist. */
public record PreflightStep(List<String> images) implements Step {
    public PreflightStep {
        images = List.copyOf(images);
    }

    @Override
    public String describe() {
        return "preflight checks";
    }
}
