package io.unikernel.demo.scene;

import io.unikernel.demo.yaml.MappingReader;
import io.unikernel.demo.yaml.NodeReader;
import io.unikernel.demo.yaml.YamlFileException;
import io.unikernel.demo.yaml.YamlText;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a scene file (the format is described in {@code scenes/README.md}). Only SnakeYAML's node
 * tree is used, never its object construction, so a file cannot instantiate classes, and every node
 * keeps its position for the error messages.
 */
public final class SceneParser {
    private static final List<String> FILE_KEYS = List.of("title", "scenes");
    private static final List<String> SCENE_KEYS = List.of("id", "title", "narration", "steps");
    /**
     * The demo's own file is 5 KB. Measured: a 10 MB file on one line cost SnakeYAML 50 s of CPU
     * and 475 MB before it was refused.
     */
    static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern SCENE_ID = Pattern.compile("[a-z0-9-]+");

    private final Path path;
    private final NodeReader reader;
    private final StepParser steps;

    private SceneParser(Path path) {
        this.path = path;
        this.reader = new NodeReader(path);
        this.steps = new StepParser(reader);
    }

    public static SceneFile parse(Path file) throws SceneFileException {
        String text;
        try {
            text = YamlText.read(file, MAX_BYTES, "a scene file is a page or two of YAML (split it, or point at the right file)");
        } catch (YamlFileException e) {
            throw new SceneFileException(e);
        }
        return parse(text, file);
    }

    /** Parses text that came from somewhere else; {@code nameForMessages} is what errors call it. */
    public static SceneFile parse(String text, Path nameForMessages) throws SceneFileException {
        try {
            if (text.length() > MAX_BYTES) {
                throw YamlFileException.unreadable(nameForMessages, "larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            SceneParser parser = new SceneParser(nameForMessages);
            Node root = YamlText.compose(text, nameForMessages).orElseThrow(() -> YamlFileException.at(nameForMessages,
                    1, 1, "the file is empty", "a mapping with title: and scenes:"));
            return parser.file(root);
        } catch (YamlFileException e) {
            throw new SceneFileException(e);
        }
    }

    private SceneFile file(Node root) throws YamlFileException {
        MappingReader mapping = reader.mapping(root, "the file", "a mapping with title: and scenes:");
        mapping.allowOnly(FILE_KEYS);
        String title = mapping.string("title");
        List<Node> sceneNodes = reader.nonEmptyList(mapping.require("scenes", "a list of scenes"), "scenes",
                "a list of at least one scene");
        Map<String, Node> ids = new HashMap<>();
        List<Scene> scenes = new ArrayList<>();
        for (Node node : sceneNodes) {
            scenes.add(scene(node, ids));
        }
        return new SceneFile(path, title, scenes);
    }

    private Scene scene(Node node, Map<String, Node> ids) throws YamlFileException {
        MappingReader mapping = reader.mapping(node, "scene", "a mapping with id:, title: and steps:");
        mapping.allowOnly(SCENE_KEYS);
        Node idNode = mapping.require("id", "a scene id of a-z, 0-9 and -");
        String id = reader.string(idNode, "id");
        if (!SCENE_ID.matcher(id).matches()) {
            throw reader.wrongValue(idNode, "id", "an id of a-z, 0-9 and - only, such as mysql or blog-2");
        }
        Node first = ids.putIfAbsent(id, idNode);
        if (first != null) {
            throw reader.error(idNode, "scene id \"" + id + "\" is already used on line " + NodeReader.line(first),
                    "a different id for each scene");
        }
        String title = mapping.string("title");
        String narration = mapping.optionalString("narration").orElse("");
        List<SceneStep> sceneSteps = new ArrayList<>();
        for (Node step : reader.nonEmptyList(mapping.require("steps", "a list of steps"), "steps",
                "a list of at least one step")) {
            sceneSteps.add(steps.parse(step));
        }
        return new Scene(id, title, narration, sceneSteps);
    }
}
