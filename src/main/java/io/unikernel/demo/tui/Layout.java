package io.unikernel.demo.tui;

import com.googlecode.lanterna.TerminalSize;

/**
 * Where each pane goes for a terminal size: title bar on top, status line at the bottom, the
 * state table above it, scenes on the left and the guest console on the right. In full-screen
 * console mode the console takes everything between the two bars.
 */
record Layout(Rect title, Rect scenes, Rect console, Rect table, Rect status) {
    static final int MIN_TABLE = 4;

    static Layout of(TerminalSize size, int guests, boolean fullScreenConsole) {
        int w = size.getColumns();
        int h = size.getRows();
        Rect title = new Rect(0, 0, w, 1);
        Rect status = new Rect(0, h - 1, w, 1);
        int middle = Math.max(0, h - 2);
        if (fullScreenConsole) {
            return new Layout(title, new Rect(0, 1, 0, 0), new Rect(0, 1, w, middle), new Rect(0, h - 1, w, 0), status);
        }
        int tableHeight = Math.min(Math.max(MIN_TABLE, guests + 3), Math.max(MIN_TABLE, middle / 3));
        int top = Math.max(0, middle - tableHeight);
        int left = Math.max(28, w * 2 / 5);
        if (left > w - 20) {
            left = w / 2;
        }
        return new Layout(title, new Rect(0, 1, left, top), new Rect(left, 1, w - left, top),
                new Rect(0, 1 + top, w, tableHeight), status);
    }
}
