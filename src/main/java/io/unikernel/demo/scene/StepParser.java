package io.unikernel.demo.scene;

import io.unikernel.demo.images.GuestKernel;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.launcher.RunOptionsParser;
import io.unikernel.demo.yaml.MappingReader;
import io.unikernel.demo.yaml.NodeReader;
import io.unikernel.demo.yaml.YamlFileException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** One item of a scene's steps: a mapping whose first key is the step's kind (or a bare {@code preflight}). */
final class StepParser {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);
    /** A host command that is still running after this is stuck, not slow. */
    static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    private static final String ALL = "all";
    private static final List<String> WAIT_TARGETS = List.of("tcp", "http", "sql");
    private static final List<String> WAIT_KEYS = List.of("tcp", "http", "sql", "status", "text", "timeout");
    private static final String KERNELS = Arrays.stream(GuestKernel.values())
            .map(kernel -> kernel.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or "));

    private final NodeReader reader;
    private final RequestParser requests;

    StepParser(NodeReader reader) {
        this.reader = reader;
        this.requests = new RequestParser(reader);
    }

    SceneStep parse(Node node) throws YamlFileException {
        int line = NodeReader.line(node);
        if (node instanceof ScalarNode scalar && !NodeReader.isEmpty(scalar)) {
            return new SceneStep(bareStep(scalar), Guard.ALWAYS, line);
        }
        if (!(node instanceof MappingNode) || ((MappingNode) node).getValue().isEmpty()) {
            throw reader.wrongValue(node, "step", "a step such as \"- run: ...\", one of " + StepKind.names());
        }
        MappingReader mapping = reader.mapping(node, "step", "a step");
        String first = mapping.keys().get(0);
        StepKind kind = StepKind.of(first).orElseThrow(() -> unknownKind(mapping.keyNode(first), first));
        checkKeys(mapping, kind);
        Node value = mapping.require(first, "a value");
        Step step = switch (kind) {
            case PREFLIGHT -> preflight(value);
            case BUILD -> build(mapping, value);
            case DNS -> dns(mapping, value);
            case RUN -> run(value);
            case WAIT -> waitStep(value);
            case CONSOLE -> new ConsoleStep(reader.string(value, "console"));
            case EXEC -> new ExecStep(reader.string(value, "exec"), mapping.optionalString("expect"),
                    timeout(mapping, DEFAULT_COMMAND_TIMEOUT));
            case SHELL -> new ShellStep(reader.string(value, "shell"), mapping.optionalString("input"),
                    mapping.optionalString("expect"), timeout(mapping, DEFAULT_COMMAND_TIMEOUT));
            case HTTP -> requests.httpStep(value);
            case SQL -> new SqlStep(requests.sql(value, "sql"));
            case REMOVE -> new RemoveStep(namesOrAll(value, "remove", "container names"));
            case PAUSE -> new PauseStep(reader.string(value, "pause"));
            case COMPARE -> compare(value);
        };
        Guard guard = new Guard(mapping.optionalString(StepKind.IF_INSTALLED),
                mapping.optionalString(StepKind.UNLESS_INSTALLED));
        return new SceneStep(step, guard, line);
    }

    private Step bareStep(ScalarNode scalar) throws YamlFileException {
        String word = scalar.getValue();
        if (StepKind.of(word).filter(kind -> kind == StepKind.PREFLIGHT).isPresent()) {
            return new PreflightStep(List.of());
        }
        if (StepKind.of(word).isPresent()) {
            throw reader.error(scalar, "step \"" + word + "\" has no value", "\"- " + word + ": ...\" (only preflight stands alone)");
        }
        throw unknownKind(scalar, word);
    }

    private YamlFileException unknownKind(Node at, String word) {
        String problem = StepKind.isOption(word)
                ? "a step starts with its kind, not \"" + word + "\""
                : "unknown step kind \"" + word + "\"";
        return reader.error(at, problem, "one of " + StepKind.names());
    }

    private void checkKeys(MappingReader mapping, StepKind kind) throws YamlFileException {
        for (String key : mapping.keys()) {
            if (StepKind.of(key).filter(other -> other != kind).isPresent()) {
                throw reader.error(mapping.keyNode(key), "\"" + key + "\" is a second step kind in one step",
                        "each step in its own \"- \" item");
            }
        }
        mapping.allowOnly(kind.allowedKeys());
    }

    private PreflightStep preflight(Node value) throws YamlFileException {
        if (NodeReader.isEmpty(value)) {
            return new PreflightStep(List.of());
        }
        MappingReader mapping = reader.mapping(value, "preflight", "nothing, or a mapping with images:");
        mapping.allowOnly(List.of("images"));
        Optional<Node> images = mapping.get("images");
        return new PreflightStep(images.isPresent()
                ? reader.strings(images.get(), "images", "a list of image names")
                : List.of());
    }

    private BuildStep build(MappingReader mapping, Node value) throws YamlFileException {
        List<String> images = namesOrAll(value, "build", "image names");
        Optional<Node> kernelNode = mapping.get("kernel");
        GuestKernel kernel = GuestKernel.MINIMAL;
        if (kernelNode.isPresent()) {
            String name = reader.string(kernelNode.get(), "kernel");
            kernel = Arrays.stream(GuestKernel.values())
                    .filter(candidate -> candidate.name().toLowerCase(Locale.ROOT).equals(name))
                    .findFirst()
                    .orElseThrow(() -> reader.wrongValue(kernelNode.get(), "kernel", KERNELS));
        }
        return new BuildStep(images, kernel);
    }

    private DnsStep dns(MappingReader mapping, Node value) throws YamlFileException {
        String action = reader.string(value, "dns");
        if (!action.equals("start") && !action.equals("stop")) {
            throw reader.wrongValue(value, "dns", "start or stop");
        }
        boolean start = action.equals("start");
        Optional<Node> hostResolv = mapping.get("host-resolv");
        if (hostResolv.isPresent() && !start) {
            throw reader.error(mapping.keyNode("host-resolv"), "host-resolv applies only when DNS starts",
                    "host-resolv: only with dns: start");
        }
        return new DnsStep(start, hostResolv.isPresent() && reader.bool(hostResolv.get(), "host-resolv"));
    }

    /** Checked now, so that a mistyped flag stops the file from loading rather than the demo on stage. */
    private RunStep run(Node value) throws YamlFileException {
        String expected = "docker-unikernel run arguments: [OPTIONS] IMAGE [COMMAND] [ARG...]";
        List<String> args;
        if (value instanceof ScalarNode) {
            try {
                args = ShellWords.split(reader.string(value, "run"));
            } catch (IllegalArgumentException e) {
                throw reader.error(value, "run: " + e.getMessage(), "matching quotes in " + expected);
            }
        } else {
            args = reader.strings(value, "run", "a command line or a list of " + expected);
        }
        try {
            RunOptions options = RunOptionsParser.parse(args);
            return new RunStep(args, options);
        } catch (IllegalArgumentException e) {
            throw reader.error(value, "run: " + e.getMessage(), expected);
        }
    }

    private CompareStep compare(Node value) throws YamlFileException {
        List<String> images = reader.strings(value, "compare", "a list of two or more images such as [httpd, nginx]");
        if (images.size() < 2) {
            throw reader.wrongValue(value, "compare", "a list of two or more images such as [httpd, nginx]");
        }
        return new CompareStep(images);
    }

    private WaitStep waitStep(Node value) throws YamlFileException {
        MappingReader mapping = reader.mapping(value, "wait", "a mapping with one of tcp:, http: or sql:");
        mapping.allowOnly(WAIT_KEYS);
        List<String> targets = mapping.keys().stream().filter(WAIT_TARGETS::contains).toList();
        if (targets.isEmpty()) {
            throw reader.error(value, "wait has nothing to wait for", "one of tcp:, http: or sql:");
        }
        if (targets.size() > 1) {
            throw reader.error(mapping.keyNode(targets.get(1)), "wait has both " + targets.get(0) + " and " + targets.get(1),
                    "exactly one of tcp:, http: or sql:");
        }
        String target = targets.get(0);
        for (String httpOnly : List.of("status", "text")) {
            if (!target.equals("http") && mapping.get(httpOnly).isPresent()) {
                throw reader.error(mapping.keyNode(httpOnly), httpOnly + " applies only to a wait for http",
                        httpOnly + ": only beside http:");
            }
        }
        Node targetNode = mapping.require(target, "a target");
        WaitCondition condition = switch (target) {
            case "tcp" -> requests.tcp(targetNode, "tcp");
            case "http" -> new WaitCondition.Http(HttpRequest.get(requests.url(targetNode, "http")),
                    requests.status(mapping), mapping.optionalString("text"));
            default -> new WaitCondition.Sql(requests.sql(targetNode, "sql"));
        };
        return new WaitStep(condition, timeout(mapping, DEFAULT_WAIT));
    }

    private Duration timeout(MappingReader mapping, Duration otherwise) throws YamlFileException {
        Optional<Node> node = mapping.get("timeout");
        if (node.isEmpty()) {
            return otherwise;
        }
        String text = reader.string(node.get(), "timeout");
        return Durations.parse(text).orElseThrow(() -> reader.wrongValue(node.get(), "timeout", Durations.FORMS));
    }

    /** A list of names, or {@code all}, which the model spells as an empty list. */
    private List<String> namesOrAll(Node value, String name, String what) throws YamlFileException {
        String expected = "a list of " + what + " such as [mysql, nginx], or all";
        if (value instanceof ScalarNode scalar && scalar.getValue().equals(ALL)) {
            return List.of();
        }
        if (value instanceof ScalarNode) {
            throw reader.wrongValue(value, name, expected);
        }
        return reader.strings(value, name, expected);
    }
}
