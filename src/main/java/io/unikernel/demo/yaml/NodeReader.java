package io.unikernel.demo.scene;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads typed values out of a composed YAML tree; whatever does not fit becomes an error pointing at its node. */
final class NodeReader {
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");
    private static final int SHOWN_VALUE_LENGTH = 40;

    private final Path path;

    NodeReader(Path path) {
        this.path = path;
    }

    SceneFileException error(Node at, String problem, String expected) {
        Mark mark = at.getStartMark();
        return SceneFileException.at(path, mark.getLine() + 1, mark.getColumn() + 1, problem, expected);
    }

    /** {@code name: found a list; expected a string}. */
    SceneFileException wrongValue(Node node, String name, String expected) {
        return error(node, name + ": found " + found(node), expected);
    }

    MappingReader mapping(Node node, String name, String expected) throws SceneFileException {
        if (node instanceof MappingNode mapping) {
            return MappingReader.of(this, mapping);
        }
        throw wrongValue(node, name, expected);
    }

    List<Node> nonEmptyList(Node node, String name, String expected) throws SceneFileException {
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
            return sequence.getValue();
        }
        throw wrongValue(node, name, expected);
    }

    static boolean isEmpty(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** Any scalar but an empty one: {@code password: 1234} is the text "1234". */
    String string(Node node, String name) throws SceneFileException {
        if (node instanceof ScalarNode scalar && !isEmpty(scalar)) {
            return scalar.getValue();
        }
        throw wrongValue(node, name, "a string");
    }

    List<String> strings(Node node, String name, String expected) throws SceneFileException {
        List<String> values = new ArrayList<>();
        for (Node item : nonEmptyList(node, name, expected)) {
            values.add(string(item, name + " item"));
        }
        return values;
    }

    int integer(Node node, String name, int min, int max) throws SceneFileException {
        if (node instanceof ScalarNode scalar && scalar.getValue().matches("\\d{1,9}")) {
            int value = Integer.parseInt(scalar.getValue());
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw wrongValue(node, name, "a whole number from " + min + " to " + max);
    }

    boolean bool(Node node, String name) throws SceneFileException {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return TRUE_WORDS.contains(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        throw wrongValue(node, name, "true or false");
    }

    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** What a node is, for "found ..." in messages. */
    static String found(Node node) {
        if (node instanceof MappingNode mapping) {
            return mapping.getValue().isEmpty() ? "an empty mapping" : "a mapping";
        }
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue().isEmpty() ? "an empty list" : "a list";
        }
        if (isEmpty(node)) {
            return "no value";
        }
        return quote(((ScalarNode) node).getValue());
    }

    static String quote(String value) {
        String shown = value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH) + "..." : value;
        return "\"" + shown + "\"";
    }
}
