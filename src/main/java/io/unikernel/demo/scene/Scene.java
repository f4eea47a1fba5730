package io.unikernel.demo.scene;

import java.util.List;

/** One scene of the demo: what the presenter says (narration) and what the machine does (steps). */
public record Scene(String id, String title, String narration, List<SceneStep> steps) {
    public Scene {
        steps = List.copyOf(steps);
    }
}
