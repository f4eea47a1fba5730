package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each file under broken/ says on its first line where and why it must be refused: {@code # expect: 7:9: fragment}. */
class SceneParserBrokenFilesTest {
    private static final Path BROKEN = Path.of("src/test/resources/scenes/broken");
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+): (.+)");

    static List<Path> brokenFiles() throws IOException {
        try (Stream<Path> files = Files.list(BROKEN)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void thereAreEnoughBrokenFilesToCoverTheRules() throws IOException {
        assertTrue(brokenFiles().size() >= 12, "broken files: " + brokenFiles().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void brokenFileIsRefusedAtTheExpectedPlaceSayingWhatWasExpected(Path file) throws IOException {
        Matcher expect = EXPECT.matcher(Files.readAllLines(file).get(0));
        assertTrue(expect.matches(), file + " must start with # expect: LINE:COL: fragment");
        int line = Integer.parseInt(expect.group(1));
        int column = Integer.parseInt(expect.group(2));

        SceneFileException e = assertThrows(SceneFileException.class, () -> SceneParser.parse(file));

        String message = e.getMessage();
        assertEquals(file, e.path());
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), message);
        assertTrue(message.startsWith(file + ":" + line + ":" + column + ": "), message);
        assertTrue(message.contains(expect.group(3)), message);
        assertTrue(message.contains("; expected "), message);
        assertFalse(message.contains("\n"), message);
    }
}
