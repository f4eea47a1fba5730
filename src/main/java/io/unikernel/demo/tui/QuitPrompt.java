package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;

/** Asks, before quitting, whether the demo's containers go too. */
final class QuitPrompt {
    static final String QUESTION = "Quit: remove the demo's containers too?";
    static final String ANSWERS = "y: remove them and quit · n: keep them and quit · Esc: stay";

    private QuitPrompt() {
    }

    static void draw(Painter p, TerminalSize size) {
        int width = Math.min(size.getColumns() - 2, ANSWERS.length() + 4);
        Rect box = new Rect((size.getColumns() - width) / 2, size.getRows() / 2 - 2, width, 4);
        p.fill(box);
        p.box(box, "Quit", Painter.BUSY);
        Rect in = box.inner();
        p.text(in.column() + 1, in.row(), in.width() - 2, QUESTION, Painter.TEXT);
        p.text(in.column() + 1, in.row() + 1, in.width() - 2, ANSWERS, Painter.BUSY);
    }
}
