package io.unikernel.demo.scene;

import java.util.List;

/**
 * Runs each image (container and hostname: its name, e.g. {@code httpd} for {@code unikernel/httpd}),
 * measures the time from {@code run} to its first HTTP 200 and the size of its guest payload, and
 * draws both as bars to scale. The containers keep running for the next steps.
 */
public record CompareStep(List<String> images) implements Step {
    public CompareStep {
        images = List.copyOf(images);
    }

    @Override
    public String describe() {
        return "compare " + String.join(" and ", images) + ": size and run -> first HTTP 200";
    }
}
