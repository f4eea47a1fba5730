package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link ShellWords}. */
class SceneShellWordsTest {
    @Test
    void splitsAtRunsOfWhitespace() {
        assertEquals(List.of("--name", "web", "unikernel/nginx"), ShellWords.split("  --name \t web  unikernel/nginx "));
    }

    @Test
    void quotesKeepSpacesAndJoinWithTheirNeighbours() {
        assertEquals(List.of("-e", "A=a b", "--x=\"y z\"", ""), ShellWords.split("-e A='a b' --x='\"y z\"' \"\""));
    }

    @Test
    void backslashEscapesOutsideSingleQuotes() {
        assertEquals(List.of("a b", "say \"hi\"", "c\\d"), ShellWords.split("a\\ b \"say \\\"hi\\\"\" 'c\\d'"));
    }

    @Test
    void unclosedQuoteIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> ShellWords.split("echo \"hi"));
        assertEquals("the \" quote is not closed", e.getMessage());
    }
}
