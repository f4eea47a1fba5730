package io.unikernel.demo.cli;

import com.googlecode.lanterna.TerminalSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The terminal's size before Lanterna takes the terminal over: the recording's header needs it
 * before the first byte is written. Falls back to 80x24 when stty cannot tell.
 */
final class TerminalSizeProbe {
    private static final TerminalSize FALLBACK = new TerminalSize(80, 24);

    private TerminalSizeProbe() {
    }

    static TerminalSize current() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] rowsColumns = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            if (stty.waitFor() == 0 && rowsColumns.length == 2) {
                return new TerminalSize(Integer.parseInt(rowsColumns[1]), Integer.parseInt(rowsColumns[0]));
            }
        } catch (IOException | NumberFormatException e) {
            return FALLBACK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return FALLBACK;
    }
}
