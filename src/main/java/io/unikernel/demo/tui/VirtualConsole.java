package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import io.unikernel.demo.scene.SceneFile;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The demo console on Lanterna's virtual terminal, as a presenter would see it: keys go in, the
 * screen is read back as text. Counts the frames that reached the terminal (a refresh that
 * changes nothing sends nothing) and wakes the waiters at each, so that a change on screen is
 * seen when it is flushed. Shared by the console's tests and its benchmark.
 */
public final class VirtualConsole implements AutoCloseable {
    private final DefaultVirtualTerminal terminal;
    private final DemoConsole console;
    private final CompletableFuture<DemoConsole.Ending> ending = new CompletableFuture<>();
    private final Object frameLock = new Object();
    private long frames;

    /** Starts the console on its own (daemon) thread; shell steps are not run (they "exit 0"). */
    public VirtualConsole(int columns, int rows, SceneFile scenes, DemoBackend backend, Supplier<Optional<String>> notice)
            throws IOException {
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
            public void onResized(Terminal t, TerminalSize size) {
            }
        });
        console = new DemoConsole(new TerminalScreen(terminal), scenes, backend, command -> 0, notice);
        Thread thread = new Thread(() -> {
            try {
                ending.complete(console.run());
            } catch (IOException | RuntimeException | Error e) {
                ending.completeExceptionally(e);
            }
        }, "demo-console");
        thread.setDaemon(true);
        thread.start();
    }

    public DemoConsole console() {
        return console;
    }

    public DefaultVirtualTerminal terminal() {
        return terminal;
    }

    /** How the console's run ended (completes when it does). */
    public CompletableFuture<DemoConsole.Ending> ending() {
        return ending;
    }

    public void press(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    public void type(char c) {
        terminal.addInput(new KeyStroke(c, false, false));
    }

    public void ctrl(char c) {
        terminal.addInput(new KeyStroke(c, true, false));
    }

    /** The frames flushed so far. */
    public long frames() {
        synchronized (frameLock) {
            return frames;
        }
    }

    /** Waits up to millis for a frame after the seen-th one. */
    public void awaitFrameAfter(long seen, long millis) throws InterruptedException {
        synchronized (frameLock) {
            if (frames == seen) {
                frameLock.wait(millis);
            }
        }
    }

    /** The whole screen as text, one line per row. */
    public String screen() {
        StringBuilder text = new StringBuilder();
        for (int row = 0; row < terminal.getTerminalSize().getRows(); row++) {
            text.append(row(row)).append('\n');
        }
        return text.toString();
    }

    public String row(int row) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < terminal.getTerminalSize().getColumns(); column++) {
            line.append(terminal.getCharacter(column, row).getCharacterString());
        }
        return line.toString();
    }

    /** Quits with Ctrl-C unless the console has ended already. */
    @Override
    public void close() {
        if (!ending.isDone()) {
            ctrl('c');
        }
    }
}
