package io.unikernel.demo.tui;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The last lines of a guest's serial console, fed with raw bytes as they arrive. Keeps a bounded
 * number of lines (old ones fall off), drops terminal escape sequences and control characters so
 * a guest cannot move our cursor, and treats a carriage return as the start of the line again.
 * The line being written (no newline yet) is shown too.
 */
public final class ConsoleBuffer {
    public static final int DEFAULT_CAPACITY = 5000;

    private final int capacity;
    private final String[] lines;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer undecoded = ByteBuffer.allocate(16);
    private final StringBuilder current = new StringBuilder();
    private int first;
    private int count;
    private long total;
    private EscapeState escape = EscapeState.NONE;
    private boolean returned;

    private enum EscapeState { NONE, ESC, CSI, OSC }

    public ConsoleBuffer() {
        this(DEFAULT_CAPACITY);
    }

    public ConsoleBuffer(int capacity) {
        this.capacity = capacity;
        this.lines = new String[capacity];
    }

    public synchronized void append(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer chars = CharBuffer.allocate(length + undecoded.capacity());
        if (undecoded.position() > 0) {
            undecoded.flip();
            ByteBuffer joined = ByteBuffer.allocate(undecoded.remaining() + length);
            joined.put(undecoded).put(in).flip();
            undecoded.clear();
            in = joined;
        }
        decoder.decode(in, chars, false);
        undecoded.put(in);
        chars.flip();
        for (int i = 0; i < chars.limit(); i++) {
            accept(chars.get(i));
        }
    }

    public void append(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        append(bytes, 0, bytes.length);
    }

    private void accept(char c) {
        switch (escape) {
            case ESC -> {
                escape = c == '[' ? EscapeState.CSI : c == ']' ? EscapeState.OSC : EscapeState.NONE;
                return;
            }
            case CSI -> {
                if (c >= 0x40 && c <= 0x7e) {
                    escape = EscapeState.NONE;
                }
                return;
            }
            case OSC -> {
                if (c == 0x07 || c == 0x1b) {
                    escape = EscapeState.NONE;
                }
                return;
            }
            default -> {
            }
        }
        if (c == '\n') {
            push(current.toString());
            current.setLength(0);
            returned = false;
            return;
        }
        if (c == '\r') {
            // CR LF is the serial console's line end; only a CR followed by text rewinds the line.
            returned = true;
            return;
        }
        if (c == 0x1b) {
            escape = EscapeState.ESC;
            return;
        }
        if (returned) {
            current.setLength(0);
            returned = false;
        }
        if (c == '\t') {
            current.append(" ".repeat(8 - current.length() % 8));
        } else if (c == '\b') {
            if (!current.isEmpty()) {
                current.setLength(current.length() - 1);
            }
        } else if (c >= 0x20 && c != 0x7f) {
            current.append(c);
        }
    }

    private void push(String line) {
        lines[(first + count) % capacity] = line;
        if (count < capacity) {
            count++;
        } else {
            first = (first + 1) % capacity;
        }
        total++;
    }

    /** Lines kept, plus the unfinished one when there is one. */
    public synchronized int size() {
        return count + (current.isEmpty() ? 0 : 1);
    }

    /** Lines ever completed; grows with every line, so a viewer can tell the buffer changed. */
    public synchronized long total() {
        return total;
    }

    /** Up to {@code max} lines ending {@code fromEnd} lines before the newest. */
    public synchronized List<String> tail(int max, int fromEnd) {
        int size = size();
        int end = Math.max(0, size - fromEnd);
        int start = Math.max(0, end - max);
        List<String> result = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            result.add(i < count ? lines[(first + i) % capacity] : current.toString());
        }
        return result;
    }
}
