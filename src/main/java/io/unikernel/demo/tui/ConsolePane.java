package io.unikernel.demo.tui;

import com.googlecode.lanterna.TextColor;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The right pane: the selected guest's serial console, following its end unless scrolled back. */
final class ConsolePane {
    private ConsolePane() {
    }

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    static void draw(Painter p, Rect r, Optional<String> guest, Optional<ConsoleBuffer> buffer, Optional<Instant> gone, int scroll,
            boolean attached) {
        String title = guest.map(g -> "Console: " + g).orElse("Console (no guest yet)");
        if (gone.isPresent()) {
            title += "  [gone since " + CLOCK.format(gone.get()) + ": its last lines]";
        } else if (attached) {
            title += "  [attached: Ctrl-P Ctrl-Q detaches]";
        } else if (scroll > 0) {
            title += "  [" + scroll + " lines up: End follows]";
        }
        p.box(r, title, gone.isPresent() ? Painter.BAD : attached ? Painter.BUSY : Painter.FRAME);
        Rect in = r.inner();
        if (in.empty() || buffer.isEmpty()) {
            if (!in.empty()) {
                p.text(in.column(), in.row(), in.width(), "Tab selects a guest once one runs.", Painter.DIM);
            }
            return;
        }
        List<String> lines = buffer.get().tail(in.height(), scroll);
        for (int i = 0; i < lines.size(); i++) {
            p.text(in.column(), in.row() + i, in.width(), lines.get(i), gone.isPresent() ? Painter.DIM : TextColor.ANSI.DEFAULT);
        }
    }

    /** How far back one can scroll: the buffer less one screenful. */
    static int maxScroll(ConsoleBuffer buffer, Rect r) {
        return Math.max(0, buffer.size() - r.inner().height());
    }
}
