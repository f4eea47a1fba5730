package io.unikernel.demo.tui;

import com.googlecode.lanterna.screen.Screen;
import io.unikernel.demo.scene.Stage;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * What the steps, on the player's worker, need from the screen: each request becomes a task
 * that the console's thread runs (the screen has one owner), and the step waits for its answer.
 */
final class StageBridge implements Stage {
    private final Screen screen;
    private final DemoConsole.TerminalHandOver handOver;
    private final Runnable changed;
    private final Consumer<String> select;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Optional<String> pause = Optional.empty();
    private volatile CountDownLatch pauseLatch = new CountDownLatch(0);
    private volatile boolean repaintAll;

    /**
     * @param changed called when the screen must be drawn again
     * @param select  puts a guest's console in front (on the console's thread)
     */
    StageBridge(Screen screen, DemoConsole.TerminalHandOver handOver, Runnable changed, Consumer<String> select) {
        this.screen = screen;
        this.handOver = handOver;
        this.changed = changed;
        this.select = select;
    }

    /** Runs the steps' requests; on the console's thread. Returns true when there were some. */
    boolean runTasks() {
        boolean did = false;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
            did = true;
        }
        return did;
    }

    /** The pause a step waits at, if any. */
    Optional<String> pause() {
        return pause;
    }

    /** Ends the pause; returns false when there was none. */
    boolean goOn() {
        if (pause.isEmpty()) {
            return false;
        }
        pause = Optional.empty();
        pauseLatch.countDown();
        return true;
    }

    /** Whether the next frame must be drawn in full (and forgets it: one frame does). */
    boolean takeRepaintAll() {
        boolean all = repaintAll;
        repaintAll = false;
        return all;
    }

    void repaintAll() {
        repaintAll = true;
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void showConsole(String container) {
        tasks.add(() -> select.accept(container));
    }

    @Override
    public int handOverTerminal(String command) throws IOException, InterruptedException {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        tasks.add(() -> {
            try {
                screen.stopScreen();
                try {
                    status.complete(handOver.run(command));
                } finally {
                    screen.startScreen();
                    screen.setCursorPosition(null);
                    // The command drew over everything: the next frame must not be a delta against ours.
                    repaintAll = true;
                    changed.run();
                }
            } catch (IOException | RuntimeException e) {
                status.completeExceptionally(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status.completeExceptionally(e);
            }
        });
        try {
            return status.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    @Override
    public void awaitKey(String message) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        pauseLatch = latch;
        pause = Optional.of(message);
        changed.run();
        latch.await();
    }
}
