package io.unikernel.demo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void helpListsTheOptionsAndTheKeys() {
        assertEquals(0, main("demo", "--help"));
        String help = out.toString();
        assertTrue(help.startsWith("Usage: docker-unikernel demo [-h] [--rehearse] [--record=FILE.cast] [--force] [SCENE-FILE]"), help);
        for (String key : List.of("Enter", "n / →", "p / ←", "Tab", "PgUp / PgDn", "Ctrl-P Ctrl-Q", "full-screen", "Ctrl-L", "q ",
                "--force", "/var/log/docker-unikernel/demo.log")) {
            assertTrue(help.contains(key), key + " missing from:\n" + help);
        }
    }

    @Test
    void aMalformedSceneFileIsRefusedWithItsPlaceBeforeAnythingRuns(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                title: Broken
                scenes:
                  - id: one
                    title: One
                    steps:
                      - lanch: unikernel/nginx
                """);
        assertEquals(2, main("demo", "--rehearse", file.toString()));
        String message = err.toString();
        assertTrue(message.startsWith("docker-unikernel: " + file + ":6:9: unknown step kind \"lanch\""), message);
        assertEquals(1, message.lines().count(), message);
        assertEquals("", out.toString(), "nothing ran");
    }

    @Test
    void aMissingSceneFileIsNamed(@TempDir Path dir) {
        assertEquals(2, main("demo", "--rehearse", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString().contains("cannot read " + dir.resolve("nope.yaml")), err.toString());
    }

    @Test
    void unknownOptionsAndTwoSceneFilesAreRefused() {
        assertEquals(125, main("demo", "--fast"));
        assertTrue(err.toString().contains("unknown flag: --fast (see 'docker-unikernel demo --help')"), err.toString());
        assertEquals(125, main("demo", "a.yaml", "b.yaml"));
        assertTrue(err.toString().contains("unexpected argument: b.yaml (see 'docker-unikernel demo --help')"), err.toString());
        assertEquals(125, main("demo", "--record"));
        assertTrue(err.toString().contains("flag needs an argument: --record"), err.toString());
        assertEquals(125, main("demo", "--rehearse", "--record", "x.cast"));
        assertTrue(err.toString().contains("a rehearsal has none"), err.toString());
    }

    @Test
    void theConsoleWithoutATerminalPointsToTheRehearsal() {
        Path scenes = Path.of(System.getProperty("user.dir"), DemoCommand.DEFAULT_SCENES);
        assertEquals(2, main("demo", scenes.toString()));
        assertTrue(err.toString().contains("the demo console needs a terminal; for a headless run use --rehearse"), err.toString());
    }
}
