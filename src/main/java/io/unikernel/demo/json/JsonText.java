package io.unikernel.demo.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON document parsed only as far as a text-level edit needs: where each value and object
 * member starts and ends in the text, and the text of strings. Editing by these spans keeps
 * every other byte of a file (its layout, key order, numbers as written) as it was.
 */
public final class JsonText {
    /** One value of the document; {@code end} is the offset just after it. */
    public sealed interface Value permits ObjectValue, StringValue, OtherValue {
        int start();

        int end();
    }

    /** A member {@code "key": value}; {@code start} is the key's opening quote. */
    public record Member(String key, int start, Value value) {
        public int end() {
            return value.end();
        }
    }

    public record ObjectValue(int start, int end, List<Member> members) implements Value {
        public Optional<Member> member(String key) {
            return members.stream().filter(m -> m.key().equals(key)).findFirst();
        }
    }

    public record StringValue(int start, int end, String text) implements Value {
    }

    /** An array, number or literal: this parser checks them but keeps only their span. */
    public record OtherValue(int start, int end) implements Value {
    }

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    public static Value parse(String text) throws JsonSyntaxException {
        JsonText parser = new JsonText(text);
        parser.skipWhitespace();
        Value value = parser.value();
        parser.skipWhitespace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected " + parser.describe(parser.pos) + " after the end of the document");
        }
        return value;
    }

    /** The offset of the first character at or after {@code from} that is not JSON whitespace. */
    public static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private void skipWhitespace() {
        pos = skipWhitespace(text, pos);
    }

    private Value value() throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw error("expected a value but the document ended");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("expected a value but found " + describe(pos));
            }
        };
    }

    private ObjectValue object() throws JsonSyntaxException {
        int start = pos++;
        List<Member> members = new ArrayList<>();
        skipWhitespace();
        if (peek('}')) {
            pos++;
            return new ObjectValue(start, pos, List.of());
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("expected '\"' to start a member name but found " + describe(pos));
            }
            int memberStart = pos;
            String key = string().text();
            skipWhitespace();
            expect(':', "after the member name \"" + key + "\"");
            skipWhitespace();
            members.add(new Member(key, memberStart, value()));
            skipWhitespace();
            if (peek(',')) {
                pos++;
                continue;
            }
            expect('}', "after the member \"" + key + "\" (a ',' or '}')");
            return new ObjectValue(start, pos, List.copyOf(members));
        }
    }

    private OtherValue array() throws JsonSyntaxException {
        int start = pos++;
        skipWhitespace();
        if (peek(']')) {
            pos++;
            return new OtherValue(start, pos);
        }
        while (true) {
            skipWhitespace();
            value();
            skipWhitespace();
            if (peek(',')) {
                pos++;
                continue;
            }
            expect(']', "in an array (a ',' or ']')");
            return new OtherValue(start, pos);
        }
    }

    private StringValue string() throws JsonSyntaxException {
        int start = pos++;
        StringBuilder decoded = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("the document ended inside a string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return new StringValue(start, pos, decoded.toString());
            }
            if (c < 0x20) {
                throw error("a control character (code " + (int) c + ") inside a string must be escaped");
            }
            if (c != '\\') {
                decoded.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) {
                throw error("the document ended inside a string");
            }
            char escaped = text.charAt(pos + 1);
            switch (escaped) {
                case '"', '\\', '/' -> decoded.append(escaped);
                case 'b' -> decoded.append('\b');
                case 'f' -> decoded.append('\f');
                case 'n' -> decoded.append('\n');
                case 'r' -> decoded.append('\r');
                case 't' -> decoded.append('\t');
                case 'u' -> {
                    if (pos + 6 > text.length() || !text.substring(pos + 2, pos + 6).matches("[0-9a-fA-F]{4}")) {
                        throw error("expected four hex digits after \\u");
                    }
                    decoded.append((char) Integer.parseInt(text.substring(pos + 2, pos + 6), 16));
                    pos += 4;
                }
                default -> throw error("unknown escape \\" + escaped + " in a string");
            }
            pos += 2;
        }
    }

    private OtherValue number() throws JsonSyntaxException {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        if (peek('0')) {
            pos++;
        } else if (!digits()) {
            throw error("expected a digit but found " + describe(pos));
        }
        if (peek('.')) {
            pos++;
            if (!digits()) {
                throw error("expected a digit after the decimal point but found " + describe(pos));
            }
        }
        if (peek('e') || peek('E')) {
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            if (!digits()) {
                throw error("expected a digit in the exponent but found " + describe(pos));
            }
        }
        return new OtherValue(start, pos);
    }

    private boolean digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        return pos > start;
    }

    private OtherValue literal(String word) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("expected a value but found " + describe(pos));
        }
        int start = pos;
        pos += word.length();
        return new OtherValue(start, pos);
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c, String where) throws JsonSyntaxException {
        if (!peek(c)) {
            throw error("expected '" + c + "' " + where + " but found " + describe(pos));
        }
        pos++;
    }

    private String describe(int at) {
        return at >= text.length() ? "the end of the document" : "'" + text.charAt(at) + "'";
    }

    private JsonSyntaxException error(String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < pos && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new JsonSyntaxException(line, pos - lineStart + 1, problem);
    }
}
