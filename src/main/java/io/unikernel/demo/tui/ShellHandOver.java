package io.unikernel.demo.tui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Gives the real terminal to a shell step's command. When the session is recorded, the command
 * runs under {@code script} so that it still has a terminal while its output passes through us
 * into the recording.
 */
public final class ShellHandOver implements DemoConsole.TerminalHandOver {
    private final OutputStream terminal;
    private final Optional<OutputStream> recorded;

    /**
     * @param terminal the terminal's output (for our own lines)
     * @param recorded the recording tee of the terminal, when recording
     */
    public ShellHandOver(OutputStream terminal, Optional<OutputStream> recorded) {
        this.terminal = terminal;
        this.recorded = recorded;
    }

    @Override
    public int run(String command) throws IOException, InterruptedException {
        OutputStream out = recorded.orElse(terminal);
        PrintStream say = new PrintStream(out, true, StandardCharsets.UTF_8);
        say.print("\r\n$ " + command + "\r\n(the demo console comes back when it exits)\r\n");
        say.flush();
        if (recorded.isEmpty()) {
            return new ProcessBuilder("sh", "-c", command).inheritIO().start().waitFor();
        }
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
