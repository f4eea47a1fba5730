package io.unikernel.demo.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RuncLogTest {
    @Test
    void writesOneJsonErrorLineThatTheShimCanParse(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log.json");
        Files.writeString(log, "{\"level\":\"info\",\"msg\":\"earlier\"}\n");
        RuncCall call = RuncCall.parse(List.of("--log", log.toString(), "--log-format", "json", "create", "c1"));
        String message = "eth0 \"missing\" in C:\\path\tnow";
        RuncLog.error(call, message, new PrintStream(new ByteArrayOutputStream()));

        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size());
        JsonNode entry = new ObjectMapper().readTree(lines.get(1));
        assertEquals("error", entry.path("level").asText());
        assertEquals(RuncLog.PREFIX + message, entry.path("msg").asText());
        assertEquals(3, entry.size(), "level, msg and time: " + entry);
    }
}
