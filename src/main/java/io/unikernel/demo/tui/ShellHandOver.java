package io.unikernel.demo.tui;

import io.unikernel.demo.host.KeyboardInterrupts;
import io.unikernel.demo.host.TerminalGuard;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Gives the real terminal to a shell step's command, with the settings the presenter's terminal
 * had before the console started (echo, line editing, Ctrl-C, flow control), and Ctrl-C meant for
 * the command alone. When the session is recorded, the command runs under {@code script} so that
 * it still has a terminal while its output passes through us into the recording.
 */
public final class ShellHandOver implements DemoConsole.TerminalHandOver {
    private final OutputStream terminal;
    private final Optional<OutputStream> recorded;
    private final TerminalGuard settings;

    /**
     * @param terminal the terminal's output (for our own lines)
     * @param recorded the recording tee of the terminal, when recording
     * @param settings what the terminal was before the console changed it
     */
    public ShellHandOver(OutputStream terminal, Optional<OutputStream> recorded, TerminalGuard settings) {
        this.terminal = terminal;
        this.recorded = recorded;
        this.settings = settings;
    }

    @Override
    public int run(String command) throws IOException, InterruptedException {
        OutputStream out = recorded.orElse(terminal);
        PrintStream say = new PrintStream(out, true, StandardCharsets.UTF_8);
        say.print("\r\n$ " + command + "\r\n(the demo console comes back when it exits)\r\n");
        say.flush();
        try (TerminalGuard.Lease asFound = settings.lendAsFound(); KeyboardInterrupts.Lease interrupts = KeyboardInterrupts.lend()) {
            return recorded.isEmpty() ? new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor() : recordedRun(command, out);
        }
    }

    private static int recordedRun(String command, OutputStream out) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("script", "-qefc", command, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (InputStream output = process.getInputStream()) {
            byte[] buffer = new byte[4096];
            for (int n = output.read(buffer); n != -1; n = output.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
        return process.waitFor();
    }
}
