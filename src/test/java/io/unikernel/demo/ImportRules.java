package io.unikernel.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The dependency rules of ARCHITECTURE.md, checked on source text: every reference a class makes to one of our
 * packages, to docker-java or to jnr (an import, or a qualified name in code), comments left out.
 */
final class ImportRules {
    /** Top first: a package may use the packages of the layers below its own, never above. */
    static final List<List<String>> LAYERS = List.of(
            List.of("cli", "bench"),
            List.of("tui", "runtime"),
            List.of("scene"),
            List.of("preflight"),
            List.of("launcher", "guest", "images", "dns", "kvm"),
            List.of("docker", "netlink", "host", "yaml", "json"));

    /** The only uses allowed between packages of one layer; together with the layers they still form no cycle. */
    static final Map<String, Set<String>> PEER_USES = Map.of(
            "docker", Set.of("host", "json"),
            "netlink", Set.of("host"),
            "launcher", Set.of("dns", "kvm"),
            "kvm", Set.of("images"));

    /** A third-party library and the one package that may touch it. */
    static final Map<String, String> GATEWAYS = Map.of(
            "com.github.dockerjava", "docker",
            "jnr", "host");

    private static final String OURS = "io.unikernel.demo";
    private static final Pattern REFERENCE = Pattern.compile(
            "\\b(io\\.unikernel\\.demo\\.([a-z]+)|com\\.github\\.dockerjava|jnr)\\.[A-Za-z_][\\w.]*");
    /** Comments, and the literals a comment marker may hide in ("unix:///var/run/docker.sock"), in one pass. */
    private static final Pattern COMMENT_OR_LITERAL = Pattern.compile(
            "\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])*'|/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern PACKAGE_LINE = Pattern.compile("^package [\\w.]+;", Pattern.MULTILINE);

    /** A file's use of a package or library against the rules; {@code key} is what a known-violations list holds. */
    record Violation(String file, String used, String rule) {
        String key() {
            return file + " -> " + used;
        }

        @Override
        public String toString() {
            return key() + ": " + rule;
        }
    }

    private ImportRules() {
    }

    /** Every violation in the sources under {@code root} (the directory that holds {@code io/unikernel/demo}). */
    static List<Violation> check(Path root) {
        Path ours = root.resolve(OURS.replace('.', '/'));
        List<Violation> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ours)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                found.addAll(check(ours.relativize(file).toString(), Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the sources under " + ours + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static List<Violation> check(String file, String source) {
        String pkg = file.contains("/") ? file.substring(0, file.indexOf('/')) : "";
        if (layerOf(pkg) < 0) {
            return List.of(new Violation(file, pkg, "package '" + pkg + "' is in no layer of ARCHITECTURE.md: add it there and to ImportRules.LAYERS"));
        }
        String code = PACKAGE_LINE.matcher(withoutComments(source)).replaceAll("");
        List<Violation> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            String used = m.group(2) != null ? m.group(2) : m.group(1);
            String rule = m.group(2) != null ? layerRule(pkg, used) : gatewayRule(pkg, used);
            if (rule != null && seen.add(used)) {
                found.add(new Violation(file, used, rule + " (" + m.group() + ")"));
            }
        }
        return found;
    }

    private static String withoutComments(String source) {
        return COMMENT_OR_LITERAL.matcher(source)
                .replaceAll(m -> m.group().startsWith("/") ? " " : Matcher.quoteReplacement(m.group()));
    }

    private static String layerRule(String from, String to) {
        if (from.equals(to)) {
            return null;
        }
        int fromLayer = layerOf(from);
        int toLayer = layerOf(to);
        if (toLayer < 0) {
            return "package '" + to + "' is in no layer of ARCHITECTURE.md";
        }
        if (toLayer > fromLayer || PEER_USES.getOrDefault(from, Set.of()).contains(to)) {
            return null;
        }
        return toLayer < fromLayer
                ? "'" + from + "' may not use '" + to + "', a layer above it"
                : "'" + from + "' may not use '" + to + "', a package of its own layer";
    }

    private static String gatewayRule(String from, String library) {
        String gateway = GATEWAYS.get(library);
        return from.equals(gateway) ? null : library + " is used only inside '" + gateway + "', the gateway to it";
    }

    private static int layerOf(String pkg) {
        for (int i = 0; i < LAYERS.size(); i++) {
            if (LAYERS.get(i).contains(pkg)) {
                return i;
            }
        }
        return -1;
    }
}
