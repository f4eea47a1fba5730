package io.unikernel.demo.preflight;

import java.util.Locale;

/** Byte counts as a user reads them in the checklist. */
final class Sizes {
    private Sizes() {
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
