package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.scene.SceneFile;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The demo console: one thread owns the screen, reads keys and redraws when something changed
 * (at most {@value #FRAME_MILLIS} ms apart while a console streams; a key is drawn at once). This
 * class is its loop and its keys; the frame is drawn by {@link ConsoleFrame}, the attached guest's
 * keys go through {@link GuestAttachment}, and what the steps (on the player's worker) need from
 * the screen, a shell or a pause, comes back here as a task through {@link StageBridge}.
 */
public final class DemoConsole {
    static final long FRAME_MILLIS = 33;
    private static final long POLL_MILLIS = 10;
    /**
     * Keys are looked for less often once the presenter has not typed for a while: the first key
     * after a pause waits at most this long, and an idle console wakes 40 times a second, not 100.
     */
    private static final long IDLE_POLL_MILLIS = 25;
    private static final long TYPING_MILLIS = 2000;

    /** Runs a host command on the real terminal while the screen is stopped; returns its exit status. */
    @FunctionalInterface
    public interface TerminalHandOver {
        int run(String command) throws IOException, InterruptedException;
    }

    private final Screen screen;
    private final DemoBackend backend;
    private final ScenePlayer player;
    private final ConsoleFrame frame;
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private final StageBridge stage;
    private final GuestAttachment attachment = new GuestAttachment();
    private volatile Optional<String> selected = Optional.empty();
    private Layout layout;
    private int scroll;
    private boolean fullScreen;
    private boolean help;
    private boolean quitPrompt;
    private boolean quit;
    private boolean removeOnQuit;
    private String message = "";
    private long lastDraw;
    private long lastKey;

    public DemoConsole(Screen screen, SceneFile scenes, DemoBackend backend, TerminalHandOver handOver) {
        this(screen, scenes, backend, handOver, Optional::empty);
    }

    /** @param notice a line for the status bar when there is something to tell, e.g. where warnings went */
    public DemoConsole(Screen screen, SceneFile scenes, DemoBackend backend, TerminalHandOver handOver,
            Supplier<Optional<String>> notice) {
        this.screen = screen;
        this.backend = backend;
        this.stage = new StageBridge(screen, handOver, this::changed, this::select);
        this.player = new ScenePlayer(scenes, backend, stage, this::changed);
        this.frame = new ConsoleFrame(screen, backend, player, notice);
        backend.onChange(this::changed);
    }

    /** What the presenter chose when quitting. */
    public record Ending(boolean removeContainers) {
    }

    /** Runs until the presenter quits; the screen is started and stopped here. */
    public Ending run() throws IOException {
        screen.startScreen();
        screen.setCursorPosition(null);
        // SIGTERM ends the JVM without leaving this loop: the terminal must still get its screen back.
        Thread restore = new Thread(this::stopScreenQuietly, "console-restore");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            while (!quit) {
                boolean busy = step();
                if (!busy) {
                    sleep(System.currentTimeMillis() - lastKey < TYPING_MILLIS ? POLL_MILLIS : IDLE_POLL_MILLIS);
                }
            }
            if (removeOnQuit) {
                message = "removing the demo's containers...";
                draw();
            }
            return new Ending(removeOnQuit);
        } finally {
            attachment.close();
            player.close();
            screen.stopScreen();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: the screen is stopped either way
            }
        }
    }

    private void stopScreenQuietly() {
        try {
            screen.stopScreen();
        } catch (IOException | IllegalStateException e) {
            // the terminal is gone, or Lanterna's own hook restored it first
        }
    }

    /** One turn of the loop: keys, tasks, drawing. Returns true when it did something. */
    boolean step() throws IOException {
        boolean did = false;
        for (KeyStroke key = screen.pollInput(); key != null && !quit; key = screen.pollInput()) {
            handle(key);
            did = true;
            lastKey = System.currentTimeMillis();
        }
        did |= stage.runTasks();
        TerminalSize resized = screen.doResizeIfNecessary();
        boolean due = dirty.get() && System.currentTimeMillis() - lastDraw >= FRAME_MILLIS;
        // No redraw on a timer: whatever the screen shows says when it changed (the guest monitor
        // every 2 s, a console, a step), and at 200x60 a frame that changes nothing still costs
        // milliseconds of CPU, mostly Lanterna's per-cell diff; an idle console must stay near 0.
        if (did || resized != null || due) {
            draw();
            return true;
        }
        return did;
    }

    private void changed() {
        dirty.set(true);
    }

    void handle(KeyStroke key) {
        if (attachment.attached()) {
            attachment.key(KeyBytes.of(key)).ifPresent(told -> message = told);
            return;
        }
        if (isCtrlC(key)) {
            removeOnQuit = true;
            quit = true;
            return;
        }
        if (isCtrl(key, 'l')) {
            // Whatever wrote over the screen behind our back (as less and shells do it on Ctrl-L).
            stage.repaintAll();
            return;
        }
        if (quitPrompt) {
            Character c = key.getCharacter();
            if (c != null && (c == 'y' || c == 'Y')) {
                removeOnQuit = true;
                quit = true;
            } else if (c != null && (c == 'n' || c == 'N')) {
                quit = true;
            } else if (key.getKeyType() == KeyType.Escape) {
                quitPrompt = false;
            }
            return;
        }
        if (help) {
            help = false;
            return;
        }
        message = "";
        KeyType type = key.getKeyType();
        Character c = type == KeyType.Character ? key.getCharacter() : null;
        if (type == KeyType.Enter) {
            enter();
        } else if (type == KeyType.ArrowRight || is(c, 'n')) {
            refuseWhenBusy(player.nextScene(), "that was the last scene");
        } else if (type == KeyType.ArrowLeft || is(c, 'p')) {
            refuseWhenBusy(player.previousScene(), "this is the first scene");
        } else if (is(c, 'r')) {
            refuseWhenBusy(player.rerun(), "");
            message = player.busy() ? message : "scene reset: Enter runs its first step";
        } else if (type == KeyType.Tab) {
            selectGuest(1);
        } else if (type == KeyType.ReverseTab) {
            selectGuest(-1);
        } else if (type == KeyType.PageUp) {
            scroll(consoleHeight());
        } else if (type == KeyType.PageDown) {
            scroll(-consoleHeight());
        } else if (type == KeyType.End) {
            scroll = 0;
        } else if (type == KeyType.Home) {
            scroll(Integer.MAX_VALUE / 2);
        } else if (is(c, 'a')) {
            attach();
        } else if (is(c, 'f')) {
            fullScreen = !fullScreen;
        } else if (is(c, '?')) {
            help = true;
        } else if (is(c, 'q')) {
            quitPrompt = true;
        }
    }

    private void enter() {
        if (!stage.goOn()) {
            message = player.advance();
        }
    }

    private void refuseWhenBusy(boolean moved, String otherwise) {
        if (!moved) {
            message = player.busy() ? "a step is running: wait for it" : otherwise;
        }
    }

    private void selectGuest(int direction) {
        List<GuestStatus> guests = backend.guests();
        if (guests.isEmpty()) {
            message = "no guests yet";
            return;
        }
        int index = -1;
        for (int i = 0; i < guests.size(); i++) {
            if (selected.isPresent() && guests.get(i).name().equals(selected.get())) {
                index = i;
            }
        }
        int next = Math.floorMod(index + direction, guests.size());
        select(guests.get(next).name());
    }

    private void select(String name) {
        if (!Optional.of(name).equals(selected)) {
            selected = Optional.of(name);
            scroll = 0;
        }
        changed();
    }

    private void scroll(int lines) {
        Optional<ConsoleBuffer> buffer = selected.map(backend::console);
        if (buffer.isEmpty() || layout == null) {
            return;
        }
        scroll = Math.max(0, Math.min(ConsolePane.maxScroll(buffer.get(), layout.console()), scroll + lines));
    }

    private int consoleHeight() {
        return layout == null ? 10 : Math.max(1, layout.console().inner().height() - 1);
    }

    private void attach() {
        if (selected.isEmpty()) {
            message = "no guest selected: Tab selects one";
            return;
        }
        // The backend asks Docker itself: the state table may be a moment behind.
        try {
            attachment.attach(backend.attach(selected.get()));
            scroll = 0;
        } catch (IOException e) {
            message = e.getMessage();
        }
    }

    private static boolean isCtrlC(KeyStroke key) {
        return isCtrl(key, 'c');
    }

    private static boolean isCtrl(KeyStroke key, char letter) {
        return key.getKeyType() == KeyType.Character && key.isCtrlDown() && Character.toLowerCase(key.getCharacter()) == letter;
    }

    private static boolean is(Character c, char expected) {
        return c != null && c == expected;
    }

    void draw() throws IOException {
        lastDraw = System.currentTimeMillis();
        dirty.set(false);
        attachment.endedByGuest().ifPresent(why -> message = why);
        List<GuestStatus> guests = backend.guests();
        if (selected.isEmpty() && !guests.isEmpty()) {
            selected = Optional.of(guests.get(0).name());
        }
        layout = frame.draw(new ConsoleFrame.View(selected, scroll, fullScreen, help, quitPrompt, message, attachment.attached(),
                stage.pause()), guests, stage.takeRepaintAll());
    }

    /** Puts this guest's console in front, as a step does (the benchmark drives it so). */
    public void showConsole(String container) {
        stage.showConsole(container);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
