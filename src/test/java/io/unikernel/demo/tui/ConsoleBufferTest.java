package io.unikernel.demo.tui;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleBufferTest {
    @Test
    void serialLineEndsMakeLinesAndTheUnfinishedLineShows() {
        ConsoleBuffer b = new ConsoleBuffer();
        b.append("first\r\nsecond\r\nthird");
        assertEquals(List.of("first", "second", "third"), b.tail(10, 0));
        assertEquals(2, b.total());
    }

    @Test
    void oldLinesFallOffBeyondTheCapacity() {
        ConsoleBuffer b = new ConsoleBuffer(3);
        for (int i = 1; i <= 5; i++) {
            b.append("line " + i + "\n");
        }
        assertEquals(List.of("line 3", "line 4", "line 5"), b.tail(10, 0));
        assertEquals(5, b.total());
    }

    @Test
    void tailCountsBackFromTheNewestLine() {
        ConsoleBuffer b = new ConsoleBuffer();
        for (int i = 1; i <= 10; i++) {
            b.append("line " + i + "\n");
        }
        assertEquals(List.of("line 6", "line 7"), b.tail(2, 3));
        assertEquals(List.of("line 1"), b.tail(5, 9));
    }

    @Test
    void escapeSequencesAndControlCharactersNeverReachTheScreen() {
        ConsoleBuffer b = new ConsoleBuffer();
        b.append("\u001b[2J\u001b[1;31mred\u001b[0m\u0007 \u001b]0;title\u0007ok\n");
        assertEquals(List.of("red ok"), b.tail(1, 0));
    }

    @Test
    void aCarriageReturnBeforeTextRewritesTheLine() {
        ConsoleBuffer b = new ConsoleBuffer();
        b.append("progress 10%\rprogress 100%\n");
        assertEquals(List.of("progress 100%"), b.tail(1, 0));
    }

    @Test
    void aCharacterSplitAcrossChunksComesOutWhole() {
        ConsoleBuffer b = new ConsoleBuffer();
        byte[] bytes = "│ok\n".getBytes(StandardCharsets.UTF_8);
        b.append(bytes, 0, 1);
        b.append(bytes, 1, 1);
        b.append(bytes, 2, bytes.length - 2);
        assertEquals(List.of("│ok"), b.tail(1, 0));
    }

    @Test
    void tabsBecomeSpacesToTheNextStop() {
        ConsoleBuffer b = new ConsoleBuffer();
        b.append("a\tb\n");
        assertEquals(List.of("a       b"), b.tail(1, 0));
    }
}
