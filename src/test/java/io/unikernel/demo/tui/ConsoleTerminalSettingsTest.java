package io.unikernel.demo.tui;

import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real console in tmux: a shell step's command gets the terminal as the presenter had it
 * before the console started, and every way the console ends gives that terminal back exactly.
 */
class ConsoleTerminalSettingsTest {
    private static final Pattern DONE_STEP = Pattern.compile("│[✔✘] ");
    private static final String HANDED_OVER = "(the demo console comes back when it exits)";

    private Path dir;
    private TmuxConsole console;

    @BeforeEach
    void scenes() throws Exception {
        dir = Files.createTempDirectory("tterm-");
        Files.writeString(dir.resolve("shell.yaml"), """
                title: Terminal test
                scenes:
                  - id: shell
                    title: Shell steps get the terminal
                    steps:
                      - shell: "stty -a > %s"
                      - shell: cat
                      - shell: sleep 300
                """.formatted(dir.resolve("inside")));
    }

    @AfterEach
    void stopTheConsole() throws Exception {
        if (console != null) {
            console.close();
        }
        HostCommand.run("rm", "-rf", dir.toString());
    }

    @Test
    void aShellStepGetsTheTerminalAsFoundEchoesAndEndsOnCtrlDAndCtrlC() throws Exception {
        console = start("tterm-shell", "");
        console.await(s -> s.contains("scene 1/1"), "the console");

        console.key("Enter");
        console.await(s -> doneSteps(s) == 1, "the stty step done");
        assertEquals(Files.readString(dir.resolve("before")), Files.readString(dir.resolve("inside")),
                "stty -a in a shell step equals stty -a before the console");

        console.key("Enter");
        console.await(s -> s.contains("$ cat") && s.contains(HANDED_OVER), "cat given the terminal");
        console.type("typed in front of the audience");
        // Once echoed by the terminal as it was typed, once printed back by cat.
        console.await(s -> count(s, "typed in front of the audience") == 2, "the line echoed and printed by cat");
        console.key("C-d");
        console.await(s -> doneSteps(s) == 2 && s.contains("│✔ $ cat"), "the console back after Ctrl-D");

        console.key("Enter");
        console.await(s -> s.contains("$ sleep 300") && s.contains(HANDED_OVER), "sleep given the terminal");
        awaitProcess("sleep 300");
        console.key("C-c");
        String back = console.await(s -> doneSteps(s) == 3, "the console back after Ctrl-C");
        assertTrue(back.contains("│✘ $ sleep 300") && back.contains("130"), "sleep ended by SIGINT:\n" + back);
        assertEquals("", awaitNoProcess("sleep 300"), "sleep ended");

        console.key("q");
        console.await(s -> s.contains("Quit: remove the demo's containers too?"), "the quit prompt");
        console.key("n");
        assertEquals(0, console.awaitExit(Duration.ofSeconds(30)), "the console's exit status");
        terminalAsFound();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Ctrl-C", "SIGTERM", "SIGHUP"})
    void everyEndingRestoresTheTerminalExactly(String ending) throws Exception {
        console = start("tterm-end", "");
        console.await(s -> s.contains("scene 1/1") && s.contains("Enter runs the next step"), "the console");
        int expected = switch (ending) {
            case "Ctrl-C" -> {
                console.key("C-c");
                yield 0;
            }
            case "SIGTERM" -> {
                HostCommand.run("kill", "-TERM", Long.toString(console.pid()));
                yield 143;
            }
            default -> {
                HostCommand.run("kill", "-HUP", Long.toString(console.pid()));
                yield 129;
            }
        };
        assertEquals(expected, console.awaitExit(Duration.ofSeconds(30)), "the console's exit status");
        terminalAsFound();
        assertFalse(console.screen().contains("┌─ Scenes"), "the terminal has its own screen back");
    }

    @Test
    void runDemosWrapperRestoresTheTerminalAfterASigkilledConsole() throws Exception {
        console = start("tterm-kill", TmuxConsole.HOME.resolve("scripts/with-terminal-restored.sh").toString());
        console.await(s -> s.contains("scene 1/1") && s.contains("Enter runs the next step"), "the console");
        HostCommand.run("kill", "-KILL", Long.toString(console.pid()));
        assertEquals(137, console.awaitExit(Duration.ofSeconds(30)), "the wrapper passes on the console's exit status");
        terminalAsFound();
        assertFalse(console.screen().contains("┌─ Scenes"), "the terminal has its own screen back");
    }

    private TmuxConsole start(String session, String wrapper) throws Exception {
        return TmuxConsole.startBetweenStty(session, wrapper, dir.resolve("shell.yaml").toString(), dir.resolve("before"),
                dir.resolve("after"));
    }

    private void terminalAsFound() throws Exception {
        String before = Files.readString(dir.resolve("before"));
        assertTrue(before.contains(" icanon") && before.contains(" echo") && before.contains(" ixon"),
                "the pane starts cooked:\n" + before);
        assertEquals(before, Files.readString(dir.resolve("after")), "stty -a after the console equals stty -a before it");
    }

    private static void awaitProcess(String command) throws InterruptedException {
        for (int i = 0; i < 100 && HostCommand.run("pgrep", "-f", "^" + command + "$").exitCode() != 0; i++) {
            Thread.sleep(50);
        }
    }

    /**
     * The pids still running COMMAND after up to 2 s: SIGINT reaches the step's shell and its child
     * at once, and on a busy host the child may still be on its way out when the shell's status is in.
     */
    private static String awaitNoProcess(String command) throws Exception {
        String left = HostCommand.run("pgrep", "-f", "^" + command + "$").output().strip();
        for (int i = 0; i < 40 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left = HostCommand.run("pgrep", "-f", "^" + command + "$").output().strip();
        }
        return left;
    }

    private static int doneSteps(String screen) {
        return count(screen, DONE_STEP);
    }

    private static int count(String screen, String text) {
        return count(screen, Pattern.compile(Pattern.quote(text)));
    }

    private static int count(String screen, Pattern pattern) {
        Matcher m = pattern.matcher(screen);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
