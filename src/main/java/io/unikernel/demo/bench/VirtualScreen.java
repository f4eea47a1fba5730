package io.unikernel.demo.bench;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneFileException;
import io.unikernel.demo.scene.SceneParser;
import io.unikernel.demo.tui.DemoBackend;
import io.unikernel.demo.tui.DemoConsole;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The demo console running on Lanterna's virtual terminal, as a presenter would see it: keys go
 * in, the screen is read back as text. Counts the frames that reached the terminal (a refresh
 * that changes nothing sends nothing) and wakes its readers at each, so that a change on screen
 * is seen when it is flushed rather than at the next tick of a poll.
 */
final class VirtualScreen implements AutoCloseable {
    private static final String SCENES = """
            title: Console benchmark
            scenes:
              - id: bench
                title: Console benchmark
                steps:
                  - pause: nothing runs here
            """;
    /** A safety net only: the screen changes at a flush, and each flush wakes the readers. */
    private static final long READ_MILLIS = 50;

    private final DefaultVirtualTerminal terminal;
    private final DemoConsole console;
    private final CompletableFuture<DemoConsole.Ending> ending = new CompletableFuture<>();
    private final Object frameLock = new Object();
    private long frames;

    VirtualScreen(int columns, int rows, DemoBackend backend) throws IOException, SceneFileException {
        SceneFile scenes = SceneParser.parse(SCENES, Path.of("console-benchmark.yaml"));
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        terminal.addVirtualTerminalListener(new VirtualTerminalListener() {
            @Override
            public void onFlush() {
                synchronized (frameLock) {
                    frames++;
                    frameLock.notifyAll();
                }
            }

            @Override
            public void onBell() {
            }

            @Override
            public void onClose() {
            }

            @Override
            public void onResized(com.googlecode.lanterna.terminal.Terminal t, TerminalSize size) {
            }
        });
        console = new DemoConsole(new TerminalScreen(terminal), scenes, backend, command -> 0);
        Thread thread = new Thread(() -> {
            try {
                ending.complete(console.run());
            } catch (IOException | RuntimeException e) {
                ending.completeExceptionally(e);
            }
        }, "demo-console");
        thread.setDaemon(true);
        thread.start();
    }

    DemoConsole console() {
        return console;
    }

    long frames() {
        synchronized (frameLock) {
            return frames;
        }
    }

    void type(char c) {
        terminal.addInput(new KeyStroke(c, false, false));
    }

    String text() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder text = new StringBuilder(size.getRows() * (size.getColumns() + 1));
        for (int row = 0; row < size.getRows(); row++) {
            for (int column = 0; column < size.getColumns(); column++) {
                text.append(terminal.getCharacter(column, row).getCharacterString());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Waits until the condition (on the screen, read with {@link #text()}) holds; returns System.nanoTime() when it did. */
    long await(BooleanSupplier condition, Duration patience, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            // Counted before the scan: a frame flushed during it must not be slept through.
            long seen = frames();
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the console never showed " + what + " within " + patience.toSeconds() + " s:\n" + text());
            }
            synchronized (frameLock) {
                if (frames == seen) {
                    frameLock.wait(READ_MILLIS);
                }
            }
        }
    }

    /** Quits with Ctrl-C (which, unlike in the CLI, removes nothing here: the bench cleans up). */
    @Override
    public void close() throws Exception {
        terminal.addInput(new KeyStroke('c', true, false));
        ending.get(10, TimeUnit.SECONDS);
    }
}
