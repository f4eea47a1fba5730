package io.unikernel.demo.scene;

/** A step as a scene file placed it: what it does, when it applies, and the line it came from. */
public record SceneStep(Step step, Guard guard, int line) {
}
