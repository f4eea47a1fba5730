package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonText;
import io.unikernel.demo.json.JsonSyntaxException;
import io.unikernel.demo.json.JsonText.Member;
import io.unikernel.demo.json.JsonText.ObjectValue;
import io.unikernel.demo.json.JsonText.Value;

import java.util.List;
import java.util.Optional;

/**
 * Appends elements to an array deep in a JSON document, as text: the array, and the objects on the
 * way to it, are created where missing (or null); every other byte stays as it was. What the
 * runtime's create does to config.json, where a JSON mapper would cost a cold JVM a fifth of a second.
 */
final class JsonArrayAppend {
    private JsonArrayAppend() {
    }

    /**
     * @param path     the member names from the root object down to the array ({@code linux}, {@code devices})
     * @param elements the elements, each already JSON text
     * @throws JsonSyntaxException when the document is malformed, or a value on the path is neither
     *                             what the path needs nor missing
     */
    static String append(String text, List<String> path, List<String> elements) throws JsonSyntaxException {
        if (elements.isEmpty()) {
            return text;
        }
        Value value = JsonText.parse(text);
        for (int depth = 0; depth < path.size(); depth++) {
            if (!(value instanceof ObjectValue object)) {
                throw notA(text, value, "an object", path.subList(0, depth));
            }
            String key = path.get(depth);
            Optional<Member> member = object.member(key);
            List<String> rest = path.subList(depth + 1, path.size());
            if (member.isEmpty()) {
                int close = object.end() - 1;
                String separator = object.members().isEmpty() ? "" : ",";
                return text.substring(0, close) + separator + DaemonJsonEdit.quote(key) + ":" + nested(rest, elements) + text.substring(close);
            }
            value = member.get().value();
            if (isNull(text, value)) {
                return text.substring(0, value.start()) + nested(rest, elements) + text.substring(value.end());
            }
        }
        if (text.charAt(value.start()) != '[') {
            throw notA(text, value, "an array", path);
        }
        int close = value.end() - 1;
        boolean empty = JsonText.skipWhitespace(text, value.start() + 1) == close;
        return text.substring(0, close) + (empty ? "" : ",") + String.join(",", elements) + text.substring(close);
    }

    /** The objects for the rest of the path, then the array. */
    private static String nested(List<String> path, List<String> elements) {
        if (path.isEmpty()) {
            return "[" + String.join(",", elements) + "]";
        }
        return "{" + DaemonJsonEdit.quote(path.get(0)) + ":" + nested(path.subList(1, path.size()), elements) + "}";
    }

    private static boolean isNull(String text, Value value) {
        return text.startsWith("null", value.start()) && value.end() - value.start() == "null".length();
    }

    private static JsonSyntaxException notA(String text, Value value, String what, List<String> path) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < value.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        String where = path.isEmpty() ? "the document" : String.join(".", path);
        return new JsonSyntaxException(line, value.start() - lineStart + 1, where + " is not " + what);
    }
}
