package io.unikernel.demo.scene;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        try (InputStream in = Files.newInputStream(file)) {
            // Read at most one byte past the limit: a huge file (or /dev/zero) is refused without
            // being read whole, and SnakeYAML never sees it.
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw SceneFileException.unreadable(file, "larger than " + MAX_BYTES / (1024 * 1024)
                        + " MiB; a scene file is a page or two of YAML (split it, or point at the right file)");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw SceneFileException.unreadable(file, "No such file");
        } catch (AccessDeniedException e) {
            throw SceneFileException.unreadable(file, "Permission denied");
        } catch (CharacterCodingException e) {
            throw SceneFileException.unreadable(file, "not UTF-8 text");
        } catch (IOException e) {
            throw SceneFileException.unreadable(file, e.getMessage());
        }
        return parse(text, file);
    }

    /** Parses text that came from somewhere else; {@code nameForMessages} is what errors call it. */
    public static SceneFile parse(String text, Path nameForMessages) throws SceneFileException {
        if (text.length() > MAX_BYTES) {
            throw SceneFileException.unreadable(nameForMessages, "larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
        }
        SceneParser parser = new SceneParser(nameForMessages);
        return parser.file(parser.compose(text));
    }

    private Node compose(String text) throws SceneFileException {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw SceneFileException.at(path, mark.getLine() + 1, mark.getColumn() + 1, e.getProblem() + context, "valid YAML");
        } catch (ReaderException e) {
            throw unprintable(text, e);
        } catch (YAMLException e) {
            throw SceneFileException.at(path, 1, 1, e.getMessage(), "valid YAML text");
        }
        if (root == null) {
            throw SceneFileException.at(path, 1, 1, "the file is empty", "a mapping with title: and scenes:");
        }
        return root;
    }

    /** SnakeYAML gives only the offset, in code points, of a character it refuses; editors want line and column. */
    private SceneFileException unprintable(String text, ReaderException e) {
        int line = 1;
        int column = 1;
        int[] codePoints = text.codePoints().limit(e.getPosition()).toArray();
        for (int codePoint : codePoints) {
            if (codePoint == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return SceneFileException.at(path, line, column, String.format("character U+%04X is not allowed", e.getCodePoint()),
                "printable text");
    }

    private SceneFile file(Node root) throws SceneFileException {
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

    private Scene scene(Node node, Map<String, Node> ids) throws SceneFileException {
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
