package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneParser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    private final CompletableFuture<DemoConsole.Ending> ending = new CompletableFuture<>();

    ConsoleHarness(int columns, int rows) throws Exception {
        this(columns, rows, SceneParser.parse(SCENES, Path.of("test.yaml")));
    }

    ConsoleHarness(int columns, int rows, SceneFile scenes) throws Exception {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        console = new DemoConsole(new TerminalScreen(terminal), scenes, backend, command -> 0, () -> notice);
        Thread thread = new Thread(() -> {
            try {
                ending.complete(console.run());
            } catch (Exception | Error e) {
                ending.completeExceptionally(e);
            }
        }, "console-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    void press(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    void type(char c) {
        terminal.addInput(new KeyStroke(c, false, false));
    }

    void ctrl(char c) {
        terminal.addInput(new KeyStroke(c, true, false));
    }

    String screen() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < size.getRows(); row++) {
            text.append(row(row)).append('\n');
        }
        return text.toString();
    }

    String row(int row) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < terminal.getTerminalSize().getColumns(); column++) {
            line.append(terminal.getCharacter(column, row).getCharacterString());
        }
        return line.toString();
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
        return ending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    boolean ended() {
        return ending.isDone();
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
        if (!ending.isDone()) {
            ctrl('c');
            try {
                awaitEnding();
            } catch (Exception e) {
                // the test already failed for its own reason
            }
        }
    }
}
