package io.unikernel.demo.scene;

import java.nio.file.Path;
import java.util.List;

/** A parsed scene file: the demo's title and its scenes in order. */
public record SceneFile(Path source, String title, List<Scene> scenes) {
    public SceneFile {
        scenes = List.copyOf(scenes);
    }
}
