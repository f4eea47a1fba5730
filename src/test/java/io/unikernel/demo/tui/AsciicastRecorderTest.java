package io.unikernel.demo.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciicastRecorderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path cast() {
        return dir.resolve("demo.cast");
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(cast(), StandardCharsets.UTF_8)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    private List<JsonNode> events() throws IOException {
        List<JsonNode> all = lines();
        return all.subList(1, all.size());
    }

    private String recordedOutput() throws IOException {
        StringBuilder text = new StringBuilder();
        for (JsonNode e : events()) {
            if (e.get(1).asText().equals("o")) {
                text.append(e.get(2).asText());
            }
        }
        return text.toString();
    }

    @Test
    void theHeaderAndEveryEventAreJsonLinesOfAsciicastV2() throws IOException {
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 100, 30, "Unikernels, meet Docker!");
             OutputStream out = recorder.tee(new ByteArrayOutputStream())) {
            out.write("hello\r\n".getBytes(StandardCharsets.UTF_8));
            recorder.resize(120, 40);
        }
        JsonNode header = lines().get(0);
        assertEquals(2, header.get("version").asInt());
        assertEquals(100, header.get("width").asInt());
        assertEquals(30, header.get("height").asInt());
        assertEquals("Unikernels, meet Docker!", header.get("title").asText());
        assertTrue(Math.abs(header.get("timestamp").asLong() - System.currentTimeMillis() / 1000) < 60, header.toString());
        assertTrue(header.get("env").isObject());

        List<JsonNode> events = events();
        assertEquals(2, events.size());
        assertEquals("o", events.get(0).get(1).asText());
        assertEquals("hello\r\n", events.get(0).get(2).asText());
        assertEquals("r", events.get(1).get(1).asText());
        assertEquals("120x40", events.get(1).get(2).asText());
        assertTrue(Files.readAllLines(cast()).get(1).matches("\\[\\d+\\.\\d{6}, \"o\", .*]"), Files.readAllLines(cast()).get(1));
    }

    @Test
    void theTerminalGetsEveryByteUnchangedAndStaysOpen() throws IOException {
        var terminal = new ByteArrayOutputStream() {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        };
        byte[] bytes = "\u001b[2J│ nginx ✔\n".getBytes(StandardCharsets.UTF_8);
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 80, 24, "t");
             OutputStream out = recorder.tee(terminal)) {
            for (byte b : bytes) {
                out.write(b);
            }
        }
        assertArrayEquals(bytes, terminal.toByteArray());
        assertTrue(!terminal.closed);
    }

    @Test
    void aCharacterSplitAcrossWritesIsRecordedWhole() throws IOException {
        byte[] bar = "│".getBytes(StandardCharsets.UTF_8);
        assertEquals(3, bar.length);
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 80, 24, "t");
             OutputStream out = recorder.tee(new ByteArrayOutputStream())) {
            out.write(new byte[] {'a', bar[0]});
            out.write(bar, 1, 2);
            out.write("😀".getBytes(StandardCharsets.UTF_8), 0, 3);
            out.write("😀".getBytes(StandardCharsets.UTF_8), 3, 1);
        }
        List<String> texts = events().stream().map(e -> e.get(2).asText()).toList();
        assertEquals(List.of("a", "│", "😀"), texts);
    }

    @Test
    void anUnfinishedCharacterAtCloseIsRecordedAsAReplacementCharacter() throws IOException {
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 80, 24, "t");
             OutputStream out = recorder.tee(new ByteArrayOutputStream())) {
            out.write(new byte[] {'x', (byte) 0xe2, (byte) 0x94});
        }
        assertEquals("x\uFFFD", recordedOutput());
    }

    @Test
    void controlCharactersQuotesAndBackslashesAreEscaped() throws IOException {
        String text = "\u001b[1;32m\"ok\"\u001b[0m\t\\path\r\n\u0007";
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 80, 24, "t");
             OutputStream out = recorder.tee(new ByteArrayOutputStream())) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        String line = Files.readAllLines(cast(), StandardCharsets.UTF_8).get(1);
        assertTrue(line.toLowerCase().contains("\\u001b[1;32m\\\"ok\\\""), line);
        assertTrue(line.toLowerCase().contains("\\t\\\\path\\r\\n\\u0007"), line);
        assertEquals(text, recordedOutput());
    }

    @Test
    void writesFromSeveralThreadsAreAllRecordedWithNonDecreasingTimes() throws Exception {
        int threads = 4;
        int writes = 500;
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 80, 24, "t");
             OutputStream out = recorder.tee(new ByteArrayOutputStream())) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < writes; i++) {
                            out.write("│".getBytes(StandardCharsets.UTF_8));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
        }
        assertEquals("│".repeat(threads * writes), recordedOutput());
        double last = 0;
        for (JsonNode e : events()) {
            double t = e.get(0).asDouble();
            assertTrue(t >= last, t + " after " + last);
            last = t;
        }
    }

    @Test
    void asciinemaReplaysTheRecording() throws IOException {
        String text = "\u001b[1m│ nginx\u001b[0m ✔ 200 OK\r\n";
        try (AsciicastRecorder recorder = AsciicastRecorder.create(cast(), 80, 24, "replay");
             OutputStream out = recorder.tee(new ByteArrayOutputStream())) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(bytes, 0, 5);
            out.write(bytes, 5, bytes.length - 5);
            recorder.resize(100, 30);
        }
        // asciinema (installed by scripts/prepare-host.sh) reads keys from /dev/tty even to cat:
        // script(1) gives it a terminal.
        HostCommand.Result replay = HostCommand.run("script", "-qec", "asciinema cat '" + cast() + "'", "/dev/null");
        assertEquals(0, replay.exitCode(), replay.output());
        assertEquals(text, replay.output());
    }
}
