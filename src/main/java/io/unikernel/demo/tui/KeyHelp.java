package io.unikernel.demo.tui;

import java.util.List;

/** The console's keys, in one place for the help overlay, the status line and {@code --help}. */
public final class KeyHelp {
    public record Binding(String keys, String what) {
    }

    public static final List<Binding> BINDINGS = List.of(
            new Binding("Enter", "run the next step (at a pause: go on)"),
            new Binding("n / →", "next scene"),
            new Binding("p / ←", "previous scene"),
            new Binding("r", "run the current scene again from its first step"),
            new Binding("Tab", "select the next guest (Shift-Tab: previous)"),
            new Binding("PgUp / PgDn", "scroll the console (End: follow it again)"),
            new Binding("a", "attach to the guest's console; Ctrl-P Ctrl-Q detaches"),
            new Binding("f", "full-screen console on/off"),
            new Binding("Ctrl-L", "repaint the whole screen"),
            new Binding("?", "this help"),
            new Binding("q", "quit (asks whether to remove the demo's containers)"),
            new Binding("Ctrl-C", "quit at once, removing the demo's containers"));

    /** The short form for the status line. */
    public static final String STATUS = "Enter step · n/p scene · r again · Tab guest · PgUp/PgDn · a attach · f full · ? help · q quit";
    /** The status line on a narrow terminal (80 columns). */
    public static final String STATUS_SHORT = "Enter:step n/p:scene r:again Tab:guest PgUp/Dn a:attach f:full ?:help q:quit";

    private KeyHelp() {
    }

    public static String text() {
        StringBuilder s = new StringBuilder();
        for (Binding b : BINDINGS) {
            s.append(String.format("  %-12s %s%n", b.keys(), b.what()));
        }
        return s.toString();
    }
}
