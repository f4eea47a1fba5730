package io.unikernel.demo.tui;

import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two consoles in tmux: the second refuses, naming the first, unless forced; a SIGKILLed console leaves no stale lock. */
class OneDemoSessionPerHostTest {
    private Path scenes;
    private final List<TmuxConsole> consoles = new ArrayList<>();

    @BeforeEach
    void scenes() throws Exception {
        scenes = Files.createTempFile("tterm-", ".yaml");
        Files.writeString(scenes, """
                title: One session
                scenes:
                  - id: one
                    title: Only one console per host
                    steps:
                      - exec: echo one
                """);
    }

    @AfterEach
    void stopTheConsoles() throws Exception {
        for (TmuxConsole c : consoles) {
            c.close();
        }
        Files.deleteIfExists(scenes);
    }

    @Test
    void theSecondConsoleRefusesNamingTheFirstUnlessForcedAndAKilledOneLeavesNoLock() throws Exception {
        TmuxConsole first = start("tterm-first", "");
        first.await(s -> s.contains("scene 1/1"), "the first console");
        String tty = HostCommand.run("tmux", "display-message", "-p", "-t", "tterm-first", "#{pane_tty}").output().strip();

        TmuxConsole second = start("tterm-second", "");
        assertEquals(1, second.awaitExit(Duration.ofSeconds(60)), "the second console's exit status");
        String refusal = second.screen().strip();
        assertEquals("docker-unikernel: another demo session runs on this host (pid " + first.pid() + " on " + tty
                + "): quit it first, or pass --force to run this one alongside it", refusal, "one line naming the first");

        TmuxConsole forced = start("tterm-forced", "--force");
        forced.await(s -> s.contains("scene 1/1"), "a forced second console");
        forced.key("q");
        forced.await(s -> s.contains("Quit: remove the demo's containers too?"), "the forced console's quit prompt");
        forced.key("n");
        assertEquals(0, forced.awaitExit(Duration.ofSeconds(30)));

        HostCommand.run("kill", "-KILL", Long.toString(first.pid()));
        first.awaitExit(Duration.ofSeconds(30));
        TmuxConsole after = start("tterm-after", "");
        String screen = after.await(s -> s.contains("scene 1/1"), "a console after the first was SIGKILLed");
        assertTrue(screen.contains("Only one console per host"), screen);
        after.key("q");
        after.await(s -> s.contains("Quit: remove the demo's containers too?"), "the quit prompt");
        after.key("n");
        assertEquals(0, after.awaitExit(Duration.ofSeconds(30)));
    }

    private TmuxConsole start(String session, String options) throws Exception {
        TmuxConsole console = TmuxConsole.start(session, options + " " + scenes);
        consoles.add(console);
        return console;
    }
}
