package io.unikernel.demo.tui;

import io.unikernel.demo.testsupport.DockerDaemon;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * dockerd restarted under the real console (tmux): the screen stays whole with nothing printed
 * over it, the state table says Docker is unreachable and reconnects, its event stream follows
 * again (a kill turns a row red at once), the next step runs, and Ctrl-L repaints the screen.
 */
class ConsoleSurvivesDockerdRestartTest {
    private static final String SESSION = "tterm-dockerd";
    private static final List<String> CONTAINERS = List.of("tterm-before", "tterm-after");
    private static final Pattern STRAY = Pattern.compile("WARN|ERROR|Exception|\\tat |\\bat [a-z]+\\.[a-z]+\\.|Error during callback");

    private Path scenes;
    private TmuxConsole console;

    @BeforeAll
    static void image() {
        TestImage.ensureBuilt();
    }

    @BeforeEach
    void scenes() throws Exception {
        scenes = Files.createTempFile("tterm-", ".yaml");
        Files.writeString(scenes, """
                title: Docker restart
                scenes:
                  - id: restart
                    title: Docker goes away and comes back
                    steps:
                      - run: --name tterm-before %1$s
                      - run: --name tterm-after %1$s
                """.formatted(TestImage.NAME));
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            DockerDaemon.ensureRunning();
        } finally {
            if (console != null) {
                console.close();
            }
            for (String name : CONTAINERS) {
                HostCommand.run("docker", "rm", "-f", name);
            }
            Files.deleteIfExists(scenes);
        }
    }

    @Test
    void aDockerdRestartLeavesTheScreenWholeAndTheEventsFollowedAgain() throws Exception {
        console = TmuxConsole.start(SESSION, scenes.toString());
        console.await(s -> s.contains("scene 1/1"), "the console");
        console.key("Enter");
        String before = console.await(s -> s.contains("│✔ docker-unikernel run") && rowState(s, "tterm-before").equals("running")
                && s.contains("Enter runs the next step"), "tterm-before running");

        DockerDaemon.stop();
        long stopped = System.nanoTime();
        String during = console.await(s -> s.contains("Docker unreachable since"), "the state table saying Docker is unreachable");
        long noticed = System.nanoTime();
        assertNothingStray(during);
        DockerDaemon.start();
        long back = System.nanoTime();
        String after = console.await(s -> s.contains("Containers (1)") && !s.contains("unreachable"), "the state table reconnected");
        long reconnected = System.nanoTime();
        assertNothingStray(after);
        assertEquals(frame(before), frame(after), "every box where it was:\n" + before + "\n" + after);
        assertEquals(scenePane(before), scenePane(after), "the scene pane as it was");

        console.key("Enter");
        console.await(s -> rowState(s, "tterm-after").equals("running"), "the next step's guest running");
        HostCommand.run("docker", "kill", "tterm-after");
        long start = System.nanoTime();
        console.await(s -> rowState(s, "tterm-after").equals("exited"), "the killed guest shown as exited");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "the state table showed the kill after " + millis + " ms: events not followed again");
        System.out.printf("dockerd gone -> 'unreachable' shown: %d ms; dockerd answering -> reconnected shown: %d ms;"
                + " docker kill -> exited shown: %d ms%n", (noticed - stopped) / 1_000_000, (reconnected - back) / 1_000_000, millis);
        Matcher red = Pattern.compile(".*tterm-after +exited.*").matcher(console.screenWithColours());
        assertTrue(red.find() && red.group().contains("[91m"), "tterm-after's row in bright red");

        ctrlLRepaintsWhatWasWrittenOverTheScreen();
        console.key("C-c");
        assertEquals(0, console.awaitExit(java.time.Duration.ofSeconds(60)));
    }

    private void ctrlLRepaintsWhatWasWrittenOverTheScreen() throws InterruptedException {
        String tty = HostCommand.run("tmux", "display-message", "-p", "-t", SESSION, "#{pane_tty}").output().strip();
        String clean = console.await(s -> true, "a still screen");
        // Row 4, column 3: inside the scene pane, which nothing redraws unless asked to.
        HostCommand.run("sh", "-c", "printf '\\033[4;3HSCRIBBLED OVER' > " + tty);
        console.await(s -> s.contains("SCRIBBLED OVER"), "the scribble on the screen");
        console.key("C-l");
        String repainted = console.await(s -> !s.contains("SCRIBBLED OVER"), "the screen repainted");
        assertEquals(scenePane(clean), scenePane(repainted));
    }

    private static void assertNothingStray(String screen) {
        assertFalse(STRAY.matcher(screen).find(), "nothing printed over the console:\n" + screen);
    }

    /** The STATE column of a container's row in the state table, or "" when it has none. */
    private static String rowState(String screen, String name) {
        Matcher m = Pattern.compile("│[▶ ] " + Pattern.quote(name) + " +(\\S+)").matcher(screen);
        return m.find() ? m.group(1) : "";
    }

    /** Only the box-drawing characters, each where it is. */
    private static String frame(String screen) {
        return screen.replaceAll("[^─│┌┐└┘\\n]", " ");
    }

    /** The scene pane's rows: the left box, up to its bottom corner. */
    private static String scenePane(String screen) {
        StringBuilder pane = new StringBuilder();
        for (String line : screen.split("\n")) {
            int end = line.indexOf('┐') >= 0 ? line.indexOf('┐') : line.indexOf('│', 1);
            if (line.startsWith("└")) {
                break;
            }
            if ((line.startsWith("│") || line.startsWith("┌")) && end > 0) {
                pane.append(line, 0, end + 1).append('\n');
            }
        }
        return pane.toString();
    }
}
