package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scene files that ship, and the example in the format's documentation, must all load. */
class SceneFilesInRepoTest {
    private static final Path SCENES = Path.of("scenes");
    private static final Path README = SCENES.resolve("README.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everySceneFileInTheRepositoryParses() throws IOException, SceneFileException {
        assertTrue(Files.isRegularFile(README), "scenes/README.md documents the format");
        List<Path> files;
        try (Stream<Path> listing = Files.list(SCENES)) {
            files = listing.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        for (Path file : files) {
            assertFalse(SceneParser.parse(file).scenes().isEmpty(), file.toString());
        }
    }

    @Test
    void theDocumentedExampleParsesAndUsesEveryStepKind() throws IOException, SceneFileException {
        Matcher block = YAML_BLOCK.matcher(Files.readString(README));
        assertTrue(block.find(), "scenes/README.md has a yaml example");
        SceneFile example = SceneParser.parse(block.group(1), README);
        List<Class<?>> kinds = new ArrayList<>();
        for (Scene scene : example.scenes()) {
            for (SceneStep step : scene.steps()) {
                if (!kinds.contains(step.step().getClass())) {
                    kinds.add(step.step().getClass());
                }
            }
        }
        assertEquals(Step.class.getPermittedSubclasses().length, kinds.size(), "step kinds in the example: " + kinds);
    }
}
