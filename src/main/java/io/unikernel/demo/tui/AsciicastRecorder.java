package io.unikernel.demo.tui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Records what is written to a terminal as an asciicast v2 file (asciinema's format: a JSON
 * header line, then one {@code [seconds, "o", text]} line per write), so a demo run can be
 * replayed with {@code asciinema play}. Thread-safe: writes from several threads are recorded
 * in the order they reach the terminal, with non-decreasing times.
 */
public final class AsciicastRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Writer file;
    private final long startNanos;
    private boolean closed;

    private AsciicastRecorder(Writer file) {
        this.file = file;
        this.startNanos = System.nanoTime();
    }

    /** Creates (or replaces) the file and writes its header; TERM and SHELL are taken from this process's environment. */
    public static AsciicastRecorder create(Path file, int width, int height, String title) throws IOException {
        ObjectNode header = JSON.createObjectNode()
                .put("version", 2).put("width", width).put("height", height)
                .put("timestamp", Instant.now().getEpochSecond()).put("title", title);
        ObjectNode env = header.putObject("env");
        for (String name : new String[] {"TERM", "SHELL"}) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        try {
            out.write(JSON.writeValueAsString(header));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            out.close();
            throw new IOException("Failed to write the asciicast header to " + file + ": " + e.getMessage(), e);
        }
        return new AsciicastRecorder(out);
    }

    /**
     * A stream that writes through to the terminal and records each write as an output event.
     * Closing it flushes the terminal but leaves it open: the terminal belongs to the caller.
     */
    public OutputStream tee(OutputStream terminal) {
        return new TeeStream(terminal, this);
    }

    /** Records that the terminal now has this size. */
    public void resize(int width, int height) throws IOException {
        event("r", width + "x" + height);
    }

    /** Writes an event line; after {@link #close()} nothing more is recorded, and the terminal still gets its bytes. */
    synchronized void event(String type, String data) throws IOException {
        if (closed) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        file.write("[" + String.format(Locale.ROOT, "%.6f", seconds) + ", " + quote(type) + ", " + quote(data) + "]\n");
    }

    synchronized void flush() throws IOException {
        if (!closed) {
            file.flush();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!closed) {
            closed = true;
            file.close();
        }
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a String always serialises
        }
    }
}
