package io.unikernel.demo.images;

import io.unikernel.demo.images.UnikernelDescriptor.Content;
import io.unikernel.demo.images.UnikernelDescriptor.Data;
import io.unikernel.demo.images.UnikernelDescriptor.Dir;
import io.unikernel.demo.images.UnikernelDescriptor.Kind;
import io.unikernel.demo.images.UnikernelDescriptor.Program;
import io.unikernel.demo.yaml.MappingReader;
import io.unikernel.demo.yaml.NodeReader;
import io.unikernel.demo.yaml.YamlFileException;
import io.unikernel.demo.yaml.YamlText;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and checks a {@code unikernel.yaml} (the format: {@code unikernels/README.md}) with the
 * strict reader the scene files use: whatever does not fit is refused with its file, line and
 * column. The only reader of the descriptors; the payload scripts get what they need from it.
 */
public final class DescriptorReader {
    /** Ours are well under 1 KB. */
    static final int MAX_BYTES = 64 * 1024;
    private static final List<String> KEYS = List.of("description", "kind", "app", "packages", "binaries", "files",
            "content", "dirs", "users", "rc", "env", "memory", "ports", "data", "volume");
    /** A {@code kind: unikernel} has no Linux to put these in. */
    private static final List<String> LINUX_ONLY = List.of("packages", "binaries", "files", "dirs", "users", "data",
            "volume");
    private static final List<String> CONTENT_KEYS = List.of("from", "to", "zip", "persist");
    private static final List<String> DIR_KEYS = List.of("path", "owner", "mode");
    private static final List<String> RC_KEYS = List.of("bin", "argv", "runmode");
    private static final List<String> DATA_KEYS = List.of("size", "seed", "seed-command");
    /** The guest's memory holds the root file system, twice while it unpacks. */
    private static final int MIN_MEMORY_MIB = 16;
    private static final int MAX_MEMORY_MIB = 64 * 1024;
    private static final int MAX_DATA_MIB = 1024 * 1024;
    private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");
    /** The payload scripts read the values one per line, fields split by tabs. */
    private static final Pattern LINE_SAFE = Pattern.compile("[^\\t\\n\\r]+");

    private final NodeReader reader;

    private DescriptorReader(Path file) {
        this.reader = new NodeReader(file);
    }

    /** The descriptor of the unikernel name, from its unikernel.yaml. */
    public static UnikernelDescriptor read(Path file, String name) throws YamlFileException {
        String text = YamlText.read(file, MAX_BYTES, "a unikernel descriptor is a screenful of YAML");
        Node root = YamlText.compose(text, file).orElseThrow(() -> YamlFileException.at(file, 1, 1, "the file is empty",
                "a mapping with binaries:, rc: and memory:"));
        return new DescriptorReader(file).descriptor(root, name);
    }

    private UnikernelDescriptor descriptor(Node root, String name) throws YamlFileException {
        MappingReader d = reader.mapping(root, "the descriptor", "a mapping with binaries:, rc: and memory:");
        d.allowOnly(KEYS);
        Kind kind = kind(d);
        Optional<String> app = d.get("app").isPresent() ? Optional.of(app(d, kind)) : Optional.empty();
        if (kind == Kind.UNIKERNEL) {
            if (app.isEmpty()) {
                throw reader.error(d.node(), "missing key \"app\"",
                        "app: with the application under guest/unikernel/apps (kind: unikernel)");
            }
            for (String key : d.keys()) {
                if (LINUX_ONLY.contains(key)) {
                    throw reader.error(d.keyNode(key), "kind: unikernel has no Linux to put " + key + " in",
                            "only description, kind, app, content, rc, env, memory and ports");
                }
            }
        }
        List<String> binaries = strings(d, "binaries", true);
        if (kind == Kind.LINUX && binaries.isEmpty()) {
            throw reader.error(d.get("binaries").orElse(d.node()), "binaries: none", "binaries: at least one absolute path");
        }
        List<Program> rc = programs(d);
        if (app.isPresent() && !rc.get(0).bin().endsWith("/" + app.get())) {
            throw reader.error(d.require("rc", "programs"), "rc[0].bin is " + rc.get(0).bin() + ", but this unikernel runs only "
                    + app.get(), "bin: /" + app.get());
        }
        Optional<Data> data = data(d);
        return new UnikernelDescriptor(name, kind, app, d.optionalString("description").orElse(""),
                strings(d, "packages", false), binaries, strings(d, "files", true), contents(d), dirs(d),
                strings(d, "users", false), rc, env(d), memory(d), ports(d), data, volume(d, data));
    }

    private Kind kind(MappingReader d) throws YamlFileException {
        Optional<Node> node = d.get("kind");
        if (node.isEmpty()) {
            return Kind.LINUX;
        }
        return switch (reader.string(node.get(), "kind")) {
            case "linux" -> Kind.LINUX;
            case "unikernel" -> Kind.UNIKERNEL;
            default -> throw reader.wrongValue(node.get(), "kind",
                    "linux (an application on our minimal Linux) or unikernel (one of guest/unikernel/apps)");
        };
    }

    private String app(MappingReader d, Kind kind) throws YamlFileException {
        if (kind != Kind.UNIKERNEL) {
            throw reader.error(d.keyNode("app"), "app: only with kind: unikernel", "no app: for kind: linux");
        }
        Node node = d.get("app").orElseThrow();
        String app = text(node, "app");
        if (!app.matches("[A-Za-z0-9_-]+")) {
            throw reader.wrongValue(node, "app", "the name of a directory under guest/unikernel/apps");
        }
        return app;
    }

    private List<Content> contents(MappingReader d) throws YamlFileException {
        List<Content> contents = new ArrayList<>();
        for (Node item : list(d, "content", "a list of {from: DIR, to: /PATH}")) {
            MappingReader c = reader.mapping(item, "content", "{from: DIR, to: /PATH[, zip: DIR][, persist: SUBDIR]}");
            c.allowOnly(CONTENT_KEYS);
            Optional<String> zip = optionalText(c, "zip");
            Optional<String> persist = optionalText(c, "persist");
            if (persist.isPresent() && zip.isEmpty()) {
                throw reader.error(c.keyNode("persist"), "persist: without zip", "persist: only with zip: (it moves part of the zip's tree)");
            }
            contents.add(new Content(text(c.require("from", "a directory beside unikernel.yaml"), "from"),
                    absolute(c.require("to", "an absolute path in the guest"), "to"), zip, persist));
        }
        return contents;
    }

    private List<Dir> dirs(MappingReader d) throws YamlFileException {
        List<Dir> dirs = new ArrayList<>();
        for (Node item : list(d, "dirs", "a list of {path: /PATH[, owner: USER][, mode: '0755']}")) {
            MappingReader x = reader.mapping(item, "dirs", "{path: /PATH[, owner: USER][, mode: '0755']}");
            x.allowOnly(DIR_KEYS);
            String mode = optionalText(x, "mode").orElse("0755");
            if (!MODE.matcher(mode).matches()) {
                throw reader.wrongValue(x.get("mode").orElseThrow(), "mode", "octal digits in quotes, such as '0755'");
            }
            dirs.add(new Dir(absolute(x.require("path", "an absolute path in the guest"), "path"),
                    optionalText(x, "owner").orElse("root"), mode));
        }
        return dirs;
    }

    private List<Program> programs(MappingReader d) throws YamlFileException {
        List<Program> rc = new ArrayList<>();
        for (Node item : reader.nonEmptyList(d.require("rc", "the programs the guest runs"), "rc", "at least one program")) {
            MappingReader r = reader.mapping(item, "rc", "{bin: /PATH, argv: [ARG...][, runmode: '&']}");
            r.allowOnly(RC_KEYS);
            List<String> argv = new ArrayList<>();
            for (Node arg : list(r, "argv", "a list of arguments")) {
                argv.add(reader.string(arg, "argv item"));
            }
            rc.add(new Program(absolute(r.require("bin", "the program's absolute path"), "bin"), argv,
                    optionalText(r, "runmode")));
        }
        return rc;
    }

    private List<String> env(MappingReader d) throws YamlFileException {
        List<String> env = new ArrayList<>();
        for (Node item : list(d, "env", "a list of NAME=VALUE")) {
            String entry = reader.string(item, "env item");
            if (entry.indexOf('=') < 1) {
                throw reader.wrongValue(item, "env item", "NAME=VALUE");
            }
            env.add(entry);
        }
        return env;
    }

    private int memory(MappingReader d) throws YamlFileException {
        return reader.integer(d.require("memory", "the guest's memory in MiB"), "memory", MIN_MEMORY_MIB, MAX_MEMORY_MIB);
    }

    private List<Integer> ports(MappingReader d) throws YamlFileException {
        List<Integer> ports = new ArrayList<>();
        for (Node item : list(d, "ports", "a list of TCP ports")) {
            ports.add(reader.integer(item, "ports item", 1, 65535));
        }
        return ports;
    }

    private Optional<Data> data(MappingReader d) throws YamlFileException {
        Optional<Node> node = d.get("data");
        if (node.isEmpty()) {
            return Optional.empty();
        }
        MappingReader data = reader.mapping(node.get(), "data", "{size: MiB[, seed: DIR | seed-command: SCRIPT]}");
        data.allowOnly(DATA_KEYS);
        Optional<String> seed = optionalText(data, "seed");
        Optional<String> command = optionalText(data, "seed-command");
        if (seed.isPresent() && command.isPresent()) {
            throw reader.error(data.keyNode("seed-command"), "data: both seed and seed-command", "one of them");
        }
        return Optional.of(new Data(reader.integer(data.require("size", "MiB"), "size", 1, MAX_DATA_MIB), seed, command));
    }

    private boolean volume(MappingReader d, Optional<Data> data) throws YamlFileException {
        Optional<Node> node = d.get("volume");
        boolean volume = node.isPresent() && reader.bool(node.get(), "volume");
        if (volume && data.isEmpty()) {
            throw reader.error(node.get(), "volume: true without data", "data: as well (the volume holds the data image)");
        }
        return volume;
    }

    /** The list under key; absent or empty is an empty list. */
    private List<Node> list(MappingReader m, String key, String expected) throws YamlFileException {
        Optional<Node> node = m.get(key);
        if (node.isEmpty() || NodeReader.isEmpty(node.get())) {
            return List.of();
        }
        if (node.get() instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        throw reader.wrongValue(node.get(), key, expected);
    }

    private List<String> strings(MappingReader d, String key, boolean absolute) throws YamlFileException {
        List<String> values = new ArrayList<>();
        for (Node item : list(d, key, absolute ? "a list of absolute paths" : "a list of names")) {
            values.add(absolute ? absolute(item, key + " item") : text(item, key + " item"));
        }
        return values;
    }

    private Optional<String> optionalText(MappingReader m, String key) throws YamlFileException {
        Optional<Node> node = m.get(key);
        return node.isPresent() ? Optional.of(text(node.get(), key)) : Optional.empty();
    }

    private String absolute(Node node, String name) throws YamlFileException {
        String path = text(node, name);
        if (!path.startsWith("/")) {
            throw reader.wrongValue(node, name, "an absolute path (starting with /)");
        }
        return path;
    }

    /** A string the payload scripts can take on one line. */
    private String text(Node node, String name) throws YamlFileException {
        String value = reader.string(node, name);
        if (!LINE_SAFE.matcher(value).matches()) {
            throw reader.wrongValue(node, name, "text without tabs or line breaks");
        }
        return value;
    }
}
