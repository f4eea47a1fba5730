package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoConsoleTest {
    @Test
    void at80x24AllPanesAndTheKeysShow() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.backend.guests("mysql");
            String screen = h.awaitScreen("Containers (1)");
            assertTrue(h.row(0).contains("Test demo") && h.row(0).contains("scene 1/2: First scene"), h.row(0));
            assertTrue(h.row(0).contains("DNS on 172.17.0.1:53"), h.row(0));
            assertTrue(screen.contains("┌─ Scenes "), screen);
            assertTrue(screen.contains("Console: mysql"), screen);
            assertTrue(screen.contains("Narration of the first scene."), screen);
            assertTrue(h.row(23).contains("Enter:step") && h.row(23).contains("q:quit"), h.row(23));
            assertTrue(screen.contains("NAME") && screen.contains("mysql") && screen.contains("172.17.0.9"), screen);
            assertFalse(screen.contains("02:42:ac:11:00:09"), "the MAC column does not fit 80 columns:\n" + screen);
        }
    }

    @Test
    void at200x60TheStateTableHasEveryColumn() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(200, 60)) {
            h.backend.guests("mysql", "blog");
            String screen = h.awaitScreen("Containers (2)");
            for (String column : new String[] {"NAME", "STATE", "GUEST IP", "ACCEL", "VM", "UPTIME", "CPU", "MEM", "TAP", "MAC"}) {
                assertTrue(screen.contains(column), column + " missing:\n" + screen);
            }
            assertTrue(screen.contains("02:42:ac:11:00:09") && screen.contains("1m15s") && screen.contains("140MiB"), screen);
            assertTrue(h.row(59).contains("q quit"), h.row(59));
        }
    }

    @Test
    void enterRunsTheNextStepAndShowsItsResult() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(100, 30)) {
            h.awaitScreen("· $ echo one");
            h.press(KeyType.Enter);
            String screen = h.awaitScreen("✔ $ echo one (1.2 s)");
            assertTrue(screen.contains("output of $ echo one"), screen);
            assertTrue(screen.contains("→ did $ echo one"), screen);
            assertEquals(1, h.backend.ranSteps.size());
        }
    }

    @Test
    void aPauseStepWaitsForEnter() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(100, 30)) {
            h.press(KeyType.Enter);
            h.awaitScreen("✔ $ echo one");
            h.press(KeyType.Enter);
            h.awaitScreen("⏸ Wait for the audience");
            h.press(KeyType.Enter);
            String screen = h.awaitScreen("✔ pause: Wait for the audience");
            assertTrue(screen.contains("Scene done"), screen);
        }
    }

    @Test
    void nAndPAndTheArrowsMoveBetweenScenes() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.type('n');
            h.awaitScreen("scene 2/2: Second scene");
            h.press(KeyType.ArrowLeft);
            h.awaitScreen("scene 1/2: First scene");
            h.press(KeyType.ArrowRight);
            h.awaitScreen("scene 2/2: Second scene");
            h.type('n');
            h.awaitScreen("that was the last scene");
            h.type('p');
            h.awaitScreen("scene 1/2: First scene");
        }
    }

    @Test
    void rRunsTheSceneAgainFromItsFirstStep() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(100, 30)) {
            h.press(KeyType.Enter);
            h.awaitScreen("✔ $ echo one");
            h.type('r');
            h.awaitScreen("· $ echo one");
            h.press(KeyType.Enter);
            h.awaitScreen("✔ $ echo one");
            assertEquals(2, h.backend.ranSteps.size());
        }
    }

    @Test
    void pageUpScrollsTheConsoleBackAndEndFollowsItAgain() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.backend.guests("mysql");
            ConsoleBuffer buffer = h.backend.console("mysql");
            for (int i = 1; i <= 500; i++) {
                buffer.append("boot line " + i + "\r\n");
            }
            h.backend.guests("mysql");
            h.awaitScreen("boot line 500");
            h.press(KeyType.PageUp);
            String up = h.awaitScreen("lines up");
            assertFalse(up.contains("boot line 500"), up);
            h.press(KeyType.Home);
            h.awaitScreen("boot line 1 ");
            h.press(KeyType.End);
            String end = h.awaitScreen("boot line 500");
            assertFalse(end.contains("lines up"), end);
        }
    }

    @Test
    void tabSelectsTheNextGuest() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(100, 30)) {
            h.backend.guests("blog", "mysql");
            h.awaitScreen("Console: blog");
            h.press(KeyType.Tab);
            h.awaitScreen("Console: mysql");
            h.press(KeyType.Tab);
            h.awaitScreen("Console: blog");
        }
    }

    @Test
    void attachSendsKeysToTheGuestUntilCtrlPCtrlQ() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(100, 30)) {
            h.backend.guests("mysql");
            h.awaitScreen("Console: mysql");
            h.type('a');
            h.awaitScreen("ATTACHED to mysql");
            h.type('l');
            h.type('s');
            h.press(KeyType.Enter);
            h.ctrl('p');
            h.type('q');
            h.ctrl('p');
            h.ctrl('q');
            String screen = h.awaitScreen("detached");
            assertFalse(screen.contains("ATTACHED"), screen);
            assertArrayEquals("ls\r\u0010q\u0010\u0011".getBytes(StandardCharsets.US_ASCII), h.backend.keysSent(),
                    "a Ctrl-P before another key goes through; Ctrl-P Ctrl-Q goes to docker attach, which detaches");
            assertTrue(h.backend.attachmentClosed);
            h.type('q');
            h.awaitScreen(QuitPrompt.QUESTION);
        }
    }

    @Test
    void fTogglesAFullScreenConsole() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.backend.guests("mysql");
            h.awaitScreen("Containers (1)");
            h.type('f');
            String full = h.awaitScreen(s -> !s.contains("Containers (1)"), "no state table");
            assertTrue(full.split("\n")[1].startsWith("┌─ Console: mysql"), full);
            h.type('f');
            h.awaitScreen("Containers (1)");
        }
    }

    @Test
    void questionMarkShowsTheKeysAndAnyKeyClosesThem() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.type('?');
            h.awaitScreen("any key closes this help");
            h.type('x');
            h.awaitScreen(s -> !s.contains("any key closes this help"), "the help closed");
        }
    }

    @Test
    void quitAsksAndYRemovesTheContainers() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.type('q');
            h.awaitScreen(QuitPrompt.QUESTION);
            h.type('y');
            assertTrue(h.awaitEnding().removeContainers());
        }
    }

    @Test
    void quitWithNKeepsTheContainersAndEscapeStays() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.type('q');
            h.awaitScreen(QuitPrompt.QUESTION);
            h.press(KeyType.Escape);
            h.awaitScreen(s -> !s.contains(QuitPrompt.QUESTION), "the prompt gone");
            assertFalse(h.ended());
            h.type('q');
            h.awaitScreen(QuitPrompt.QUESTION);
            h.type('n');
            assertFalse(h.awaitEnding().removeContainers());
        }
    }

    @Test
    void ctrlCQuitsAtOnceRemovingTheContainers() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.ctrl('c');
            assertTrue(h.awaitEnding().removeContainers());
        }
    }

    @Test
    void aResizedTerminalIsDrawnAgainToItsNewSize() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(80, 24)) {
            h.awaitScreen("Enter:step");
            h.terminal.setTerminalSize(new TerminalSize(120, 40));
            h.awaitScreen(s -> s.split("\n").length == 40 && s.split("\n")[39].contains("Enter step"), "status line on row 40");
        }
    }

    @Test
    void aRemovedGuestsConsoleSaysItIsGoneAndSinceWhen() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(120, 30)) {
            h.backend.guests("mysql");
            h.awaitScreen("Console: mysql");
            h.backend.gone.put("mysql", LocalDateTime.of(2026, 1, 1, 13, 4, 12).atZone(ZoneId.systemDefault()).toInstant());
            h.backend.guests(new String[0]);
            h.awaitScreen("Console: mysql  [gone since 13:04:12: its last lines]");
        }
    }

    @Test
    void theStateTableSaysWhenDockerIsUnreachableAndStopsSayingItOnceBack() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(120, 30)) {
            h.backend.guests("mysql");
            h.awaitScreen("Containers (1)");
            h.backend.docker = Optional.of("Docker unreachable since 13:04:12: reconnecting");
            h.backend.changed();
            h.awaitScreen("Containers (1) · Docker unreachable since 13:04:12: reconnecting");
            h.backend.docker = Optional.empty();
            h.backend.changed();
            h.awaitScreen(s -> s.contains("Containers (1)") && !s.contains("unreachable"), "Docker back");
        }
    }

    @Test
    void aNoticeTakesTheStatusLineUntilThereIsNone() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(120, 30)) {
            h.awaitScreen("q quit");
            h.notice = Optional.of("warnings in /var/log/docker-unikernel/demo.log");
            h.backend.changed();
            h.awaitScreen(s -> h.row(29).contains("warnings in /var/log/docker-unikernel/demo.log"), "the notice");
        }
    }
}
