package io.unikernel.demo.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.unikernel.demo.scene.Scene;
import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneParser;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real console, end to end: the whole 2015 demo in a tmux pane, driven by send-keys like a
 * presenter, read back with capture-pane. Real Docker, real guests under TCG, real DNS.
 */
class DemoConsoleTmuxTest {
    private static final String SESSION = "du-console-e2e";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEMO_ROW = Pattern.compile("│[▶ ] (mysql|php-blog|blog) ");
    private static final Pattern DONE_STEP = Pattern.compile("│[✔–] ");

    private final Path recording = Path.of("/tmp/" + SESSION + ".cast");

    private TmuxConsole console;

    @BeforeAll
    static void images() throws Exception {
        DemoImages.ensureBuilt();
    }

    @AfterEach
    void stopTheConsole() throws Exception {
        if (console != null) {
            console.close();
        }
        HostCommand.run("docker", "rm", "-f", "mysql", "php-blog", "blog");
        Files.deleteIfExists(recording);
    }

    @Test
    void theWholeDemoRunsByKeysWithBootLinesAndContainersOnScreenAndIsRecorded() throws Exception {
        SceneFile file = SceneParser.parse(TmuxConsole.SCENES);
        String resolvBefore = Files.readString(Path.of("/etc/resolv.conf"));
        Files.deleteIfExists(recording);
        console = TmuxConsole.start(SESSION, "--record " + recording + " " + TmuxConsole.SCENES);

        for (int i = 0; i < file.scenes().size(); i++) {
            Scene scene = file.scenes().get(i);
            String title = "scene " + (i + 1) + "/" + file.scenes().size() + ": " + scene.title();
            console.await(s -> s.contains(title), title);
            playScene(scene);
            if (scene.id().equals("mysql")) {
                String screen = console.screen();
                assertTrue(screen.contains("Console: mysql") && screen.contains("init: exec /usr/sbin/mariadbd"),
                        "mysql's boot lines in the console pane:\n" + screen);
                assertTrue(Pattern.compile("▶ mysql +running +172\\.").matcher(screen).find(), "mysql in the state table:\n" + screen);
            }
            if (scene.id().equals("blog")) {
                String screen = console.screen();
                assertTrue(screen.contains("Console: blog") && screen.contains("nginx"), "blog's console:\n" + screen);
                assertTrue(screen.contains("php-blog") && screen.contains("HTTP 200 \"Unikernel blog\""), screen);
            }
            if (scene.id().equals("console")) {
                attachingGivesTheKeysToTheGuestUntilCtrlPCtrlQ();
                aContainerKilledElsewhereTurnsRed();
            }
            if (i + 1 < file.scenes().size()) {
                console.key("Enter");
            }
        }
        console.await(s -> !DEMO_ROW.matcher(s).find() && s.contains("DNS off"), "everything cleaned up by the last scene");
        console.key("q");
        console.await(s -> s.contains("Quit: remove the demo's containers too?"), "the quit prompt");
        console.key("y");
        assertEquals(0, console.awaitExit(Duration.ofSeconds(20)), "the console's exit status");
        assertEquals(resolvBefore, Files.readString(Path.of("/etc/resolv.conf")), "resolv.conf restored");
        assertEquals("", HostCommand.run("docker", "ps", "-aq", "--filter", "label=io.unikernel.demo.session=demo").output().strip());
        theRecordingHoldsTheSessionAndTheShellStep();
    }

    private void theRecordingHoldsTheSessionAndTheShellStep() throws Exception {
        List<String> lines = Files.readAllLines(recording);
        JsonNode header = JSON.readTree(lines.get(0));
        assertEquals(2, header.path("version").asInt());
        assertEquals(200, header.path("width").asInt());
        assertEquals(60, header.path("height").asInt());
        StringBuilder output = new StringBuilder();
        double last = 0;
        for (String line : lines.subList(1, lines.size())) {
            JsonNode event = JSON.readTree(line);
            assertTrue(event.get(0).asDouble() >= last, "times never go back: " + line);
            last = event.get(0).asDouble();
            if (event.get(1).asText().equals("o")) {
                output.append(event.get(2).asText());
            }
        }
        assertTrue(output.toString().contains("Unikernels, meet Docker!"), "the console's first frame");
        assertTrue(output.toString().contains("MariaDB [demo]>"), "the real client's prompt, through the shell step");
    }

    /** Enter until the scene is done; the mariadb client and pauses get what a presenter would give them. */
    private void playScene(Scene scene) throws InterruptedException {
        while (true) {
            String screen = console.await(s -> idle(s) || s.contains("MariaDB [demo]>") || s.contains("⏸"), "the scene " + scene.id() + " to wait for a key");
            if (screen.contains("│✘ ")) {
                fail("a step failed:\n" + screen);
            }
            if (screen.contains("MariaDB [demo]>")) {
                // The prompt shows before readline reads the terminal; keys sent earlier are lost.
                Thread.sleep(1000);
                // mysql's \g ends the statement: tmux would take a trailing ";" for the end of its command.
                console.type("SELECT name FROM unikernels WHERE year = 2015\\g");
                console.await(s -> s.contains("IncludeOS"), "the query's answer in the real client");
                console.type("exit");
                console.await(s -> !s.contains("MariaDB [demo]>"), "the console back");
                continue;
            }
            if (screen.contains("⏸")) {
                console.key("Enter");
                console.await(s -> !s.contains("⏸"), "the pause over");
                continue;
            }
            if (screen.contains("Scene done")) {
                return;
            }
            int before = doneSteps(screen);
            console.key("Enter");
            console.await(s -> doneSteps(s) > before || s.contains("MariaDB [demo]>") || s.contains("⏸"), "step " + (before + 1) + " of " + scene.id());
        }
    }

    private void attachingGivesTheKeysToTheGuestUntilCtrlPCtrlQ() throws InterruptedException {
        console.key("a");
        console.await(s -> s.contains("ATTACHED to blog") && s.contains("[attached: Ctrl-P Ctrl-Q detaches]"), "attached to blog");
        console.type("q");
        String attached = console.screen();
        assertTrue(attached.contains("ATTACHED to blog") && !attached.contains("Quit:"), "q went to the guest:\n" + attached);
        console.key("C-p");
        console.key("C-q");
        console.await(s -> s.contains("detached") && !s.contains("ATTACHED"), "detached from blog");
    }

    private void aContainerKilledElsewhereTurnsRed() throws InterruptedException {
        HostCommand.run("docker", "kill", "php-blog");
        long start = System.nanoTime();
        console.await(s -> Pattern.compile("php-blog +exited").matcher(s).find(), "php-blog shown as exited");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 1500, "the state table showed the kill after " + millis + " ms");
        String colours = console.screenWithColours();
        Matcher line = Pattern.compile(".*php-blog +exited.*").matcher(colours);
        assertTrue(line.find() && line.group().contains("[91m"), "php-blog's row in bright red:\n" + colours);
    }

    private static boolean idle(String screen) {
        return !screen.contains("│▸ ") && (screen.contains("Enter runs the next step") || screen.contains("Scene done"));
    }

    private static int doneSteps(String screen) {
        Matcher m = DONE_STEP.matcher(screen);
        int count = 0;
        while (m.find()) {
            count++;
        }
        return count;
    }

}
