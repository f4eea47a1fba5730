package io.unikernel.demo.scene;

import java.util.ArrayList;
import java.util.List;

/** Horizontal bars to scale in text: the longest value fills the width, in eighths of a cell. */
final class Bars {
    /** One bar: its label, the value it is drawn from, and the figure printed after it. */
    record Bar(String label, double value, String figure) {
    }

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";
    private static final char FULL = '█';

    private Bars() {
    }

    /** A heading line, then one line per bar: label, bar, figure. A value above zero shows at least an eighth. */
    static List<String> draw(String heading, List<Bar> bars, int width) {
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int labelWidth = bars.stream().mapToInt(b -> b.label().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        lines.add(heading);
        for (Bar bar : bars) {
            int eighths = max <= 0 ? 0 : (int) Math.round(bar.value() / max * width * 8);
            if (eighths == 0 && bar.value() > 0) {
                eighths = 1;
            }
            StringBuilder line = new StringBuilder("  ").append(bar.label());
            line.append(" ".repeat(labelWidth - bar.label().length() + 1));
            line.append(String.valueOf(FULL).repeat(eighths / 8));
            if (eighths % 8 != 0) {
                line.append(EIGHTHS.charAt(eighths % 8));
            }
            lines.add(line.append(' ').append(bar.figure()).toString());
        }
        return lines;
    }
}
