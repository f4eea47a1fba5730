package io.unikernel.demo.scene;

import io.unikernel.demo.images.GuestKernel;

import java.util.List;

/** Builds unikernel images (names under {@code unikernels/}; none listed means all of them). */
public record BuildStep(List<String> images, GuestKernel kernel) implements Step {
    public BuildStep {
        images = List.copyOf(images);
    }

    @Override
    public String describe() {
        return "build " + (images.isEmpty() ? "all images" : String.join(" ", images));
    }
}
