package io.unikernel.demo.yaml;

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
public final class NodeReader {
    private static final Set<String> TRUE_WORDS = Set.of("true", "yes", "on");
    private static final int SHOWN_VALUE_LENGTH = 40;

    private final Path path;

    public NodeReader(Path path) {
        this.path = path;
    }

    public YamlFileException error(Node at, String problem, String expected) {
        Mark mark = at.getStartMark();
        return YamlFileException.at(path, mark.getLine() + 1, mark.getColumn() + 1, problem, expected);
    }

    /** {@code name: found a list; expected a string}. */
    public YamlFileException wrongValue(Node node, String name, String expected) {
        return error(node, name + ": found " + found(node), expected);
    }

    public MappingReader mapping(Node node, String name, String expected) throws YamlFileException {
        if (node instanceof MappingNode mapping) {
            return MappingReader.of(this, mapping);
        }
        throw wrongValue(node, name, expected);
    }

    public List<Node> nonEmptyList(Node node, String name, String expected) throws YamlFileException {
        if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
            return sequence.getValue();
        }
        throw wrongValue(node, name, expected);
    }

    public static boolean isEmpty(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
    }

    /** Any scalar but an empty one: {@code password: 1234} is the text "1234". */
    public String string(Node node, String name) throws YamlFileException {
        if (node instanceof ScalarNode scalar && !isEmpty(scalar)) {
            return scalar.getValue();
        }
        throw wrongValue(node, name, "a string");
    }

    public List<String> strings(Node node, String name, String expected) throws YamlFileException {
        List<String> values = new ArrayList<>();
        for (Node item : nonEmptyList(node, name, expected)) {
            values.add(string(item, name + " item"));
        }
        return values;
    }

    public int integer(Node node, String name, int min, int max) throws YamlFileException {
        if (node instanceof ScalarNode scalar && scalar.getValue().matches("\\d{1,9}")) {
            int value = Integer.parseInt(scalar.getValue());
            if (value >= min && value <= max) {
                return value;
            }
        }
        throw wrongValue(node, name, "a whole number from " + min + " to " + max);
    }

    public boolean bool(Node node, String name) throws YamlFileException {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            return TRUE_WORDS.contains(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        throw wrongValue(node, name, "true or false");
    }

    public static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** What a node is, for "found ..." in messages. */
    public static String found(Node node) {
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

    public static String quote(String value) {
        String shown = value.length() > SHOWN_VALUE_LENGTH ? value.substring(0, SHOWN_VALUE_LENGTH) + "..." : value;
        return "\"" + shown + "\"";
    }
}
