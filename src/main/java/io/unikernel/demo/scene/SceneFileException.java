package io.unikernel.demo.scene;

import io.unikernel.demo.yaml.YamlFileException;

/**
 * A scene file that cannot be used, with the place to fix it:
 * {@code scenes/demo.yaml:12:7: unknown key "colour"; expected one of id, title, narration, steps}.
 */
public final class SceneFileException extends YamlFileException {
    SceneFileException(YamlFileException problem) {
        super(problem);
    }
}
