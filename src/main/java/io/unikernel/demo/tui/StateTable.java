package io.unikernel.demo.tui;

import com.googlecode.lanterna.TextColor;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.guest.Uptime;
import io.unikernel.demo.guest.VmStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The bottom pane: our containers and their guests. Columns that do not fit a narrow terminal
 * are left out, least important first.
 */
final class StateTable {
    private record Column(String header, int width, Function<GuestStatus, String> value) {
    }

    /** In order of importance; shown left to right in this order too. */
    private static final List<Column> COLUMNS = List.of(
            new Column("NAME", 12, GuestStatus::name),
            new Column("STATE", 8, GuestStatus::state),
            new Column("GUEST IP", 15, g -> g.address().orElse("-")),
            new Column("ACCEL", 5, g -> g.vm().map(VmStatus::accelerator).orElse("-")),
            new Column("VM", 9, g -> g.vm().map(VmStatus::state).orElse("-")),
            new Column("UPTIME", 7, g -> g.uptime().map(Uptime::format).orElse("-")),
            new Column("CPU", 6, g -> g.cpuPercent().map(c -> String.format("%.0f%%", c)).orElse("-")),
            new Column("MEM", 7, g -> g.memoryBytes().map(StateTable::mebibytes).orElse("-")),
            new Column("TAP", 7, g -> g.tap().orElse("-")),
            new Column("MAC", 17, g -> g.mac().orElse("-")));

    private StateTable() {
    }

    /** @param docker trouble with Docker, shown in the title in red: the rows may be stale meanwhile */
    static void draw(Painter p, Rect r, List<GuestStatus> guests, Optional<String> selected, Optional<String> docker) {
        p.box(r, "Containers (" + guests.size() + ")" + docker.map(d -> " · " + d).orElse(""),
                docker.isPresent() ? Painter.BAD : Painter.FRAME);
        Rect in = r.inner();
        if (in.empty()) {
            return;
        }
        List<Column> shown = fitting(in.width() - 2);
        p.text(in.column() + 2, in.row(), in.width() - 2, row(shown, Column::header), Painter.ACCENT);
        if (guests.isEmpty()) {
            p.text(in.column() + 2, in.row() + 1, in.width() - 2, "no containers of ours yet", Painter.DIM);
            return;
        }
        for (int i = 0; i < guests.size() && i + 1 < in.height(); i++) {
            GuestStatus g = guests.get(i);
            boolean isSelected = selected.isPresent() && selected.get().equals(g.name());
            TextColor color = g.running() ? Painter.GOOD : g.state().equals("created") ? Painter.BUSY : Painter.BAD;
            p.text(in.column(), in.row() + 1 + i, 2, isSelected ? "▶" : " ", Painter.ACCENT);
            p.text(in.column() + 2, in.row() + 1 + i, in.width() - 2, row(shown, c -> c.value().apply(g)), color);
        }
    }

    private static List<Column> fitting(int width) {
        List<Column> shown = new ArrayList<>();
        int used = 0;
        for (Column c : COLUMNS) {
            if (used + c.width() + 1 > width) {
                break;
            }
            shown.add(c);
            used += c.width() + 1;
        }
        return shown;
    }

    private static String row(List<Column> columns, Function<Column, String> text) {
        StringBuilder line = new StringBuilder();
        for (Column c : columns) {
            String value = text.apply(c);
            line.append(String.format("%-" + c.width() + "s ", value.length() > c.width() ? value.substring(0, c.width()) : value));
        }
        return line.toString().stripTrailing();
    }

    private static String mebibytes(long bytes) {
        return bytes / (1024 * 1024) + "MiB";
    }
}
