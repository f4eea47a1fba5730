package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files over the limit are refused before SnakeYAML sees them; a file at the limit is still parsed. */
class SceneParserSizeLimitTest {
    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitOnOneLineIsRefusedInOneLineNamingTheLimit() throws IOException {
        Path huge = Files.writeString(dir.resolve("huge.yaml"), "title: " + "x".repeat(SceneParser.MAX_BYTES));

        SceneFileException e = assertThrows(SceneFileException.class, () -> SceneParser.parse(huge));

        assertEquals("cannot read " + huge + ": larger than 1 MiB; a scene file is a page or two of YAML"
                + " (split it, or point at the right file)", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anEndlessFileIsRefusedWithoutReadingItWhole() {
        Path zero = Path.of("/dev/zero");

        SceneFileException e = assertThrows(SceneFileException.class, () -> SceneParser.parse(zero));

        assertTrue(e.getMessage().contains("larger than 1 MiB"), e.getMessage());
    }

    @Test
    void aFileOfExactlyTheLimitIsParsed() throws IOException {
        Path full = Files.writeString(dir.resolve("full.yaml"), "#" + "x".repeat(SceneParser.MAX_BYTES - 2) + "\n");

        SceneFileException e = assertThrows(SceneFileException.class, () -> SceneParser.parse(full));

        assertTrue(e.getMessage().contains("the file is empty"), "parsed, and found to hold only a comment: " + e.getMessage());
    }

    @Test
    void textOverTheLimitIsRefusedBeforeParsing() {
        SceneFileException e = assertThrows(SceneFileException.class,
                () -> SceneParser.parse("[".repeat(SceneParser.MAX_BYTES + 1), Path.of("pasted.yaml")));

        assertEquals("cannot read pasted.yaml: larger than 1 MiB", e.getMessage());
    }
}
