package io.unikernel.demo.bench;

import io.unikernel.demo.scene.SceneFile;
import io.unikernel.demo.scene.SceneFileException;
import io.unikernel.demo.scene.SceneParser;
import io.unikernel.demo.tui.DemoBackend;
import io.unikernel.demo.tui.DemoConsole;
import io.unikernel.demo.tui.VirtualConsole;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The benchmark's console: one scene that runs nothing, on a {@link VirtualConsole}, with a wait that times itself. */
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

    private final VirtualConsole screen;

    VirtualScreen(int columns, int rows, DemoBackend backend) throws IOException, SceneFileException {
        SceneFile scenes = SceneParser.parse(SCENES, Path.of("console-benchmark.yaml"));
        screen = new VirtualConsole(columns, rows, scenes, backend, Optional::empty);
    }

    DemoConsole console() {
        return screen.console();
    }

    long frames() {
        return screen.frames();
    }

    void type(char c) {
        screen.type(c);
    }

    String text() {
        return screen.screen();
    }

    /** Waits until the condition (on the screen, read with {@link #text()}) holds; returns System.nanoTime() when it did. */
    long await(BooleanSupplier condition, Duration patience, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            // Counted before the scan: a frame flushed during it must not be slept through.
            long seen = screen.frames();
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the console never showed " + what + " within " + patience.toSeconds() + " s:\n" + text());
            }
            screen.awaitFrameAfter(seen, READ_MILLIS);
        }
    }

    /** Quits with Ctrl-C (which, unlike in the CLI, removes nothing here: the bench cleans up). */
    @Override
    public void close() throws Exception {
        screen.close();
        screen.ending().get(10, TimeUnit.SECONDS);
    }
}
