package io.unikernel.demo.guest;

import java.time.Duration;

/** How long a guest has run, the way ps and the state table show it: 42s, 3m7s, 2h5m. */
public final class Uptime {
    private Uptime() {
    }

    public static String format(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        return s / 3600 + "h" + (s % 3600) / 60 + "m";
    }
}
