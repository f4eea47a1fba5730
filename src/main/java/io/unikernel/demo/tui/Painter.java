package io.unikernel.demo.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import java.util.ArrayList;
import java.util.List;

/** Drawing primitives on Lanterna's text graphics: boxes with titles, clipped text, wrapped text. */
final class Painter {
    static final TextColor FRAME = TextColor.ANSI.BLUE_BRIGHT;
    static final TextColor TEXT = TextColor.ANSI.DEFAULT;
    static final TextColor DIM = TextColor.ANSI.WHITE;
    static final TextColor GOOD = TextColor.ANSI.GREEN_BRIGHT;
    static final TextColor BAD = TextColor.ANSI.RED_BRIGHT;
    static final TextColor BUSY = TextColor.ANSI.YELLOW_BRIGHT;
    static final TextColor ACCENT = TextColor.ANSI.CYAN_BRIGHT;

    private final TextGraphics g;

    Painter(TextGraphics g) {
        this.g = g;
    }

    void box(Rect r, String title, TextColor color) {
        if (r.width() < 2 || r.height() < 2) {
            return;
        }
        g.setForegroundColor(color);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        int right = r.right() - 1;
        int bottom = r.bottom() - 1;
        g.putString(r.column(), r.row(), "┌" + "─".repeat(r.width() - 2) + "┐");
        g.putString(r.column(), bottom, "└" + "─".repeat(r.width() - 2) + "┘");
        for (int row = r.row() + 1; row < bottom; row++) {
            g.setCharacter(r.column(), row, '│');
            g.setCharacter(right, row, '│');
        }
        if (!title.isEmpty()) {
            g.enableModifiers(SGR.BOLD);
            text(r.column() + 2, r.row(), r.width() - 4, " " + title + " ", color);
            g.disableModifiers(SGR.BOLD);
        }
        g.setForegroundColor(TEXT);
    }

    /** Text at a position, cut to width; control characters never reach the terminal. */
    void text(int column, int row, int width, String s, TextColor color) {
        if (width <= 0) {
            return;
        }
        g.setForegroundColor(color);
        g.putString(column, row, clip(s, width));
        g.setForegroundColor(TEXT);
    }

    void fill(Rect r) {
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.fillRectangle(new TerminalPosition(r.column(), r.row()),
                new TerminalSize(r.width(), r.height()), ' ');
    }

    /** A bar across the region in reverse video, text on the left and right. */
    void bar(Rect r, String left, String right, TextColor background) {
        g.setBackgroundColor(background);
        g.setForegroundColor(TextColor.ANSI.BLACK);
        String line = clip(left, r.width());
        int gap = r.width() - line.length() - right.length();
        line = gap > 0 ? line + " ".repeat(gap) + right : line + " ".repeat(Math.max(0, r.width() - line.length()));
        g.putString(r.column(), r.row(), line);
        g.setBackgroundColor(TextColor.ANSI.DEFAULT);
        g.setForegroundColor(TEXT);
    }

    static String clip(String s, int width) {
        StringBuilder out = new StringBuilder(Math.min(s.length(), width));
        for (int i = 0; i < s.length() && out.length() < width; i++) {
            char c = s.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }

    /** Splits text into lines of at most width columns, at spaces where it can. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        if (width <= 0) {
            return lines;
        }
        for (String paragraph : text.split("\n", -1)) {
            String rest = paragraph.stripTrailing();
            if (rest.isEmpty()) {
                lines.add("");
                continue;
            }
            while (rest.length() > width) {
                int cut = rest.lastIndexOf(' ', width);
                if (cut <= 0) {
                    cut = width;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut).stripLeading();
            }
            lines.add(rest);
        }
        return lines;
    }
}
