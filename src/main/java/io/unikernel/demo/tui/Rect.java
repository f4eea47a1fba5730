package io.unikernel.demo.tui;

/** A region of the screen, in columns and rows. */
record Rect(int column, int row, int width, int height) {
    Rect {
        width = Math.max(0, width);
        height = Math.max(0, height);
    }

    boolean empty() {
        return width <= 0 || height <= 0;
    }

    /** The inside of a box drawn on this region. */
    Rect inner() {
        return new Rect(column + 1, row + 1, width - 2, height - 2);
    }

    int bottom() {
        return row + height;
    }

    int right() {
        return column + width;
    }
}
