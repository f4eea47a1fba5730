package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.scene.SceneFile;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Draws the console's frame: title bar, scenes, state table, the guest's console, status line, overlays. */
final class ConsoleFrame {
    /** What the console's own state asks the frame to show, beside the backend's live state. */
    record View(Optional<String> selected, int scroll, boolean fullScreen, boolean help, boolean quitPrompt, String message,
            boolean attached, Optional<String> pause) {
    }

    private final Screen screen;
    private final DemoBackend backend;
    private final ScenePlayer player;
    private final Supplier<Optional<String>> notice;

    ConsoleFrame(Screen screen, DemoBackend backend, ScenePlayer player, Supplier<Optional<String>> notice) {
        this.screen = screen;
        this.backend = backend;
        this.player = player;
        this.notice = notice;
    }

    /** Draws one frame of these guests; returns its layout (the keys scroll by its console's height). */
    Layout draw(View view, List<GuestStatus> guests, boolean repaintAll) throws IOException {
        TerminalSize size = screen.getTerminalSize();
        Layout layout = Layout.of(size, guests.size(), view.fullScreen());
        screen.clear();
        Painter p = new Painter(screen.newTextGraphics());
        SceneFile file = player.file();
        p.bar(layout.title(), " " + file.title() + "  ·  scene " + (player.sceneIndex() + 1) + "/" + file.scenes().size()
                + ": " + player.scene().title(), backend.dnsState() + " ", TextColor.ANSI.CYAN);
        Optional<String> selected = view.selected();
        if (!view.fullScreen()) {
            ScenePane.draw(p, layout.scenes(), player, view.pause());
            StateTable.draw(p, layout.table(), guests, selected, backend.dockerState());
        }
        ConsolePane.draw(p, layout.console(), selected, selected.map(backend::console), selected.flatMap(backend::goneSince),
                view.scroll(), view.attached());
        drawStatus(p, layout, view);
        if (view.help()) {
            HelpOverlay.draw(p, size);
        } else if (view.quitPrompt()) {
            QuitPrompt.draw(p, size);
        }
        screen.refresh(repaintAll ? Screen.RefreshType.COMPLETE : Screen.RefreshType.DELTA);
        return layout;
    }

    private void drawStatus(Painter p, Layout layout, View view) {
        if (view.attached()) {
            p.bar(layout.status(), " ATTACHED to " + view.selected().orElse("?")
                    + ": keys go to the guest · Ctrl-P Ctrl-Q detaches", "", TextColor.ANSI.YELLOW);
        } else if (!view.message().isEmpty()) {
            p.bar(layout.status(), " " + view.message(), "? help ", TextColor.ANSI.YELLOW);
        } else {
            Optional<String> told = notice.get();
            String keys = layout.status().width() > KeyHelp.STATUS.length() + 1 ? KeyHelp.STATUS : KeyHelp.STATUS_SHORT;
            if (told.isPresent()) {
                p.bar(layout.status(), " " + told.get(), "? help ", TextColor.ANSI.YELLOW);
            } else {
                p.bar(layout.status(), " " + keys, "", TextColor.ANSI.WHITE);
            }
        }
    }
}
