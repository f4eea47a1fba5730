package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;

import java.util.List;

/** The key list in a box over the middle of the screen; any key closes it. */
final class HelpOverlay {
    private HelpOverlay() {
    }

    static void draw(Painter p, TerminalSize size) {
        List<KeyHelp.Binding> bindings = KeyHelp.BINDINGS;
        int width = Math.min(size.getColumns() - 2, 72);
        int height = Math.min(size.getRows() - 2, bindings.size() + 4);
        Rect box = new Rect((size.getColumns() - width) / 2, (size.getRows() - height) / 2, width, height);
        p.fill(box);
        p.box(box, "Keys", Painter.ACCENT);
        Rect in = box.inner();
        for (int i = 0; i < bindings.size() && i < in.height(); i++) {
            KeyHelp.Binding b = bindings.get(i);
            p.text(in.column() + 1, in.row() + i, 13, b.keys(), Painter.ACCENT);
            p.text(in.column() + 14, in.row() + i, in.width() - 15, b.what(), Painter.TEXT);
        }
        if (in.height() > bindings.size() + 1) {
            p.text(in.column() + 1, in.bottom() - 1, in.width() - 2, "any key closes this help", Painter.DIM);
        }
    }
}
