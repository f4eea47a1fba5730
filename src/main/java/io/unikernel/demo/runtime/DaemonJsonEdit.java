package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonText;
import io.unikernel.demo.json.JsonSyntaxException;
import io.unikernel.demo.json.JsonText.Member;
import io.unikernel.demo.json.JsonText.ObjectValue;
import io.unikernel.demo.json.JsonText.StringValue;
import io.unikernel.demo.json.JsonText.Value;

import java.util.List;
import java.util.Optional;

/**
 * Adds or removes one entry of dockerd's {@code "runtimes"} in the text of daemon.json,
 * touching no other byte: an entry added and then removed gives back the file as it was.
 * An added member goes first in its object, after the '{', with the indentation of the
 * member that was first before it.
 */
public final class DaemonJsonEdit {
    static final String RUNTIMES = "runtimes";
    static final String PATH = "path";
    private static final String INDENT_UNIT = "  ";

    /** The new text (empty: delete the file, it held only our entry) and what changed, in words; unchanged: no change. */
    public record Result(Optional<String> text, Optional<String> change) {
        static Result unchanged(Optional<String> text) {
            return new Result(text, Optional.empty());
        }
    }

    private DaemonJsonEdit() {
    }

    /** The whole file we write where there was none. */
    public static String fresh(String name, String path) {
        return "{\n" + INDENT_UNIT + quote(RUNTIMES) + ": " + nested(List.of(name), path, INDENT_UNIT, INDENT_UNIT, false) + "\n}\n";
    }

    public static Result install(Optional<String> original, String name, String path) throws JsonSyntaxException {
        if (original.isEmpty() || original.get().isBlank()) {
            return new Result(Optional.of(fresh(name, path)), Optional.of("created it with the runtime '" + name + "'"));
        }
        String text = original.get();
        ObjectValue root = rootObject(text);
        Optional<Member> runtimes = root.member(RUNTIMES);
        if (runtimes.isEmpty()) {
            return new Result(Optional.of(insert(text, root, RUNTIMES, List.of(name), path)),
                    Optional.of("added \"" + RUNTIMES + "\" with the runtime '" + name + "'"));
        }
        ObjectValue table = runtimesObject(text, runtimes.get());
        Optional<Member> entry = table.member(name);
        if (entry.isEmpty()) {
            return new Result(Optional.of(insert(text, table, name, List.of(), path)),
                    Optional.of("added the runtime '" + name + "' to \"" + RUNTIMES + "\""));
        }
        if (pathOf(entry.get()).filter(path::equals).isPresent() && ((ObjectValue) entry.get().value()).members().size() == 1) {
            return Result.unchanged(original);
        }
        Value old = entry.get().value();
        String replaced = text.substring(0, old.start())
                + nested(List.of(), path, lineIndent(text, entry.get().start()), indentUnit(text, table), isCompact(text, table))
                + text.substring(old.end());
        return new Result(Optional.of(replaced), Optional.of("replaced the runtime '" + name + "' (was "
                + text.substring(old.start(), old.end()).replaceAll("\\s+", " ") + ")"));
    }

    public static Result uninstall(Optional<String> original, String name) throws JsonSyntaxException {
        if (original.isEmpty() || original.get().isBlank()) {
            return Result.unchanged(original);
        }
        String text = original.get();
        ObjectValue root = rootObject(text);
        Optional<Member> runtimes = root.member(RUNTIMES);
        if (runtimes.isEmpty()) {
            return Result.unchanged(original);
        }
        ObjectValue table = runtimesObject(text, runtimes.get());
        Optional<Member> entry = table.member(name);
        if (entry.isEmpty()) {
            return Result.unchanged(original);
        }
        Optional<String> path = pathOf(entry.get());
        if (path.isPresent() && text.equals(fresh(name, path.get()))) {
            return new Result(Optional.empty(), Optional.of("deleted it: it held only the runtime '" + name + "'"));
        }
        if (table.members().size() == 1) {
            return new Result(Optional.of(remove(text, root, runtimes.get())),
                    Optional.of("removed \"" + RUNTIMES + "\", which held only the runtime '" + name + "'"));
        }
        return new Result(Optional.of(remove(text, table, entry.get())),
                Optional.of("removed the runtime '" + name + "' from \"" + RUNTIMES + "\""));
    }

    /**
     * The text dockerd must read for a reload to drop a runtime: dockerd replaces its runtimes
     * only when the file names "runtimes", so a file without the key gets an empty one.
     */
    public static String namingRuntimes(Optional<String> text) throws JsonSyntaxException {
        if (text.isEmpty() || text.get().isBlank()) {
            return "{\"" + RUNTIMES + "\": {}}\n";
        }
        ObjectValue root = rootObject(text.get());
        if (root.member(RUNTIMES).isPresent()) {
            return text.get();
        }
        return insert(text.get(), root, RUNTIMES, (indent, unit, compact) -> "{}");
    }

    /** The path of a runtime entry {@code {"path": "..."}}, if it has one. */
    public static Optional<String> pathOf(Member entry) {
        if (entry.value() instanceof ObjectValue o) {
            return o.member(PATH).map(Member::value).filter(StringValue.class::isInstance).map(v -> ((StringValue) v).text());
        }
        return Optional.empty();
    }

    private static ObjectValue rootObject(String text) throws JsonSyntaxException {
        Value root = JsonText.parse(text);
        if (root instanceof ObjectValue o) {
            return o;
        }
        throw syntaxAt(text, root.start(), "the document must be a JSON object ({...})");
    }

    private static ObjectValue runtimesObject(String text, Member runtimes) throws JsonSyntaxException {
        if (runtimes.value() instanceof ObjectValue o) {
            return o;
        }
        throw syntaxAt(text, runtimes.value().start(), "\"" + RUNTIMES + "\" must be an object ({\"NAME\": {\"path\": ...}})");
    }

    private static JsonSyntaxException syntaxAt(String text, int offset, String problem) {
        int line = 1 + (int) text.substring(0, offset).chars().filter(c -> c == '\n').count();
        int column = offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
        return new JsonSyntaxException(line, column, problem);
    }

    /** Inserts {@code "key": {..."path": path}} as the first member of {@code object}. */
    private static String insert(String text, ObjectValue object, String key, List<String> innerKeys, String path) {
        return insert(text, object, key, (indent, unit, compact) -> nested(innerKeys, path, indent, unit, compact));
    }

    private interface Rendering {
        String render(String indent, String unit, boolean compact);
    }

    private static String insert(String text, ObjectValue object, String key, Rendering value) {
        int at = object.start() + 1;
        boolean compact = isCompact(text, object);
        String unit = indentUnit(text, object);
        String indent = object.members().isEmpty() ? lineIndent(text, object.start()) + unit : memberIndent(text, object);
        String member = quote(key) + (compact ? ":" : ": ") + value.render(indent, unit, compact);
        String inserted = object.members().isEmpty()
                ? "\n" + indent + member + "\n" + lineIndent(text, object.start())
                : (compact ? "" : "\n" + indent) + member + ",";
        return text.substring(0, at) + inserted + text.substring(at);
    }

    /** Removes one member with the separator that ties it to its neighbours, the inverse of {@link #insert}. */
    private static String remove(String text, ObjectValue object, Member member) {
        List<Member> members = object.members();
        int index = members.indexOf(member);
        if (members.size() == 1) {
            return text.substring(0, object.start() + 1) + text.substring(object.end() - 1);
        }
        if (index == members.size() - 1) {
            return text.substring(0, members.get(index - 1).end()) + text.substring(member.end());
        }
        int from = index == 0 ? object.start() + 1 : commaAfter(text, members.get(index - 1)) + 1;
        int to = commaAfter(text, member) + 1;
        return text.substring(0, from) + text.substring(to);
    }

    private static int commaAfter(String text, Member member) {
        return JsonText.skipWhitespace(text, member.end());
    }

    /** {@code {"k1": {"k2": {"path": "..."}}}} rendered at {@code indent}, one member a line unless compact. */
    private static String nested(List<String> keys, String path, String indent, String unit, boolean compact) {
        String inner = indent + unit;
        String body = keys.isEmpty()
                ? quote(PATH) + (compact ? ":" : ": ") + quote(path)
                : quote(keys.get(0)) + (compact ? ":" : ": ") + nested(keys.subList(1, keys.size()), path, inner, unit, compact);
        return compact ? "{" + body + "}" : "{\n" + inner + body + "\n" + indent + "}";
    }

    /** A one-line object ({@code {"a":1}}) gets its new member on that line too. */
    private static boolean isCompact(String text, ObjectValue object) {
        int firstMember = object.members().isEmpty() ? object.end() - 1 : object.members().get(0).start();
        return object.members().size() > 0 && text.substring(object.start(), firstMember).indexOf('\n') < 0;
    }

    private static String memberIndent(String text, ObjectValue object) {
        return lineIndent(text, object.members().get(0).start());
    }

    private static String indentUnit(String text, ObjectValue object) {
        if (object.members().isEmpty() || isCompact(text, object)) {
            return INDENT_UNIT;
        }
        String member = memberIndent(text, object);
        String outer = lineIndent(text, object.start());
        return member.length() > outer.length() && member.startsWith(outer) ? member.substring(outer.length()) : INDENT_UNIT;
    }

    /** The whitespace that starts the line holding {@code offset}. */
    private static String lineIndent(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int end = lineStart;
        while (end < offset && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(lineStart, end);
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
