package io.unikernel.demo.yaml;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A YAML mapping whose keys are known to be plain words, each there once, in the file's order. */
public final class MappingReader {
    private final NodeReader reader;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries;

    private MappingReader(NodeReader reader, MappingNode node, Map<String, NodeTuple> entries) {
        this.reader = reader;
        this.node = node;
        this.entries = entries;
    }

    static MappingReader of(NodeReader reader, MappingNode node) throws YamlFileException {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || NodeReader.isEmpty(key)) {
                throw reader.error(keyNode, "a key is " + NodeReader.found(keyNode), "a plain word before the colon");
            }
            NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
            if (first != null) {
                throw reader.error(keyNode, "duplicate key \"" + key.getValue() + "\" (first on line "
                        + NodeReader.line(first.getKeyNode()) + ")", "each key once in a mapping");
            }
        }
        return new MappingReader(reader, node, entries);
    }

    public MappingNode node() {
        return node;
    }

    public List<String> keys() {
        return List.copyOf(entries.keySet());
    }

    public Node keyNode(String key) {
        return entries.get(key).getKeyNode();
    }

    public void allowOnly(List<String> allowed) throws YamlFileException {
        for (String key : entries.keySet()) {
            if (!allowed.contains(key)) {
                throw reader.error(keyNode(key), "unknown key \"" + key + "\"", "one of " + String.join(", ", allowed));
            }
        }
    }

    public Optional<Node> get(String key) {
        return Optional.ofNullable(entries.get(key)).map(NodeTuple::getValueNode);
    }

    public Node require(String key, String expected) throws YamlFileException {
        NodeTuple tuple = entries.get(key);
        if (tuple == null) {
            throw reader.error(node, "missing key \"" + key + "\"", key + ": with " + expected);
        }
        return tuple.getValueNode();
    }

    public String string(String key) throws YamlFileException {
        return reader.string(require(key, "a string"), key);
    }

    public Optional<String> optionalString(String key) throws YamlFileException {
        Optional<Node> value = get(key);
        return value.isPresent() ? Optional.of(reader.string(value.get(), key)) : Optional.empty();
    }
}
