package io.unikernel.demo.tui;

import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneParser;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** The demo console on Lanterna's virtual terminal, driven by keys, read back as text. */
final class ConsoleHarness implements AutoCloseable {
    static final String SCENES = """
            title: Test demo
            scenes:
              - id: one
                title: First scene
                narration: Narration of the first scene.
                steps:
                  - exec: echo one
                  - pause: Wait for the audience
              - id: two
                title: Second scene
                steps:
                  - exec: echo two
            """;
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    final DefaultVirtualTerminal terminal;
    final ScriptedBackend backend = new ScriptedBackend();
    volatile Optional<String> notice = Optional.empty();
    final DemoConsole console;
    private final VirtualConsole screen;

    ConsoleHarness(int columns, int rows) throws Exception {
        this(columns, rows, SceneParser.parse(SCENES, Path.of("test.yaml")));
    }

    ConsoleHarness(int columns, int rows, SceneFile scenes) throws IOException {
        screen = new VirtualConsole(columns, rows, scenes, backend, () -> notice);
        terminal = screen.terminal();
        console = screen.console();
    }

    void press(KeyType type) {
        screen.press(type);
    }

    void type(char c) {
        screen.type(c);
    }

    void ctrl(char c) {
        screen.ctrl(c);
    }

    String screen() {
        return screen.screen();
    }

    String row(int row) {
        return screen.row(row);
    }

    /**
     * Waits until the screen shows the text, and has stopped changing (the console may be in the
     * middle of drawing a frame); fails with the screen when it does not.
     */
    String awaitScreen(String text) {
        return awaitScreen(s -> s.contains(text), "\"" + text + "\"");
    }

    String awaitScreen(Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String screen = screen();
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (condition.test(screen)) {
                sleep(15);
                String again = screen();
                if (again.equals(screen)) {
                    return screen;
                }
            }
            sleep(10);
        }
        return fail("the screen never showed " + what + ":\n" + screen);
    }

    DemoConsole.Ending awaitEnding() throws Exception {
        return screen.ending().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    boolean ended() {
        return screen.ending().isDone();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!ended()) {
            screen.close();
            try {
                awaitEnding();
            } catch (Exception e) {
                // the test already failed for its own reason
            }
        }
    }
}
