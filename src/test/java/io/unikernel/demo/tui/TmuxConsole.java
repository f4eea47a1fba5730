package io.unikernel.demo.tui;

import io.unikernel.demo.testsupport.HostCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real demo console (this build's classes) in a detached tmux pane of 200x60: keys go in
 * with send-keys, the screen comes back with capture-pane, the exit status lands in a file.
 */
final class TmuxConsole implements AutoCloseable {
    static final Path HOME = Path.of(System.getProperty("user.dir"));
    static final Path SCENES = HOME.resolve("scenes/dockercon-eu-2015.yaml");
    private static final Duration PATIENCE = Duration.ofMinutes(4);

    private final String session;
    private final Path exitFile;

    private TmuxConsole(String session) {
        this.session = session;
        this.exitFile = Path.of("/tmp/" + session + ".exit");
    }

    /** Starts {@code docker-unikernel demo ARGS} in a new tmux session. */
    static TmuxConsole start(String session, String args) throws IOException {
        TmuxConsole console = new TmuxConsole(session);
        return console.launch(cli("demo " + args) + "; echo $? > " + console.exitFile);
    }

    /**
     * Starts the console as {@link #start} does, behind {@code wrapper} (a command that runs the
     * rest of its arguments, or nothing), with the pane's terminal settings ({@code stty -a})
     * written to {@code before} when it starts and to {@code after} once it ended.
     */
    static TmuxConsole startBetweenStty(String session, String wrapper, String args, Path before, Path after) throws IOException {
        return startCliBetweenStty(session, wrapper + " ", "demo " + args, before, after);
    }

    /** Any {@code docker-unikernel} command line in the pane, e.g. {@code run -a IMAGE}, between two {@code stty -a}. */
    static TmuxConsole startCliBetweenStty(String session, String wrapper, String cliArgs, Path before, Path after) throws IOException {
        TmuxConsole console = new TmuxConsole(session);
        return console.launch("stty -a > " + before + "; " + wrapper + cli(cliArgs) + "; status=$?; stty -a > " + after
                + "; echo $status > " + console.exitFile);
    }

    private static String cli(String args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return java + " -Dunikernel.home=" + HOME + " -cp " + System.getProperty("java.class.path")
                + " io.unikernel.demo.cli.Main " + args;
    }

    private TmuxConsole launch(String command) throws IOException {
        Files.deleteIfExists(exitFile);
        HostCommand.Result started = HostCommand.run("tmux", "-u", "new-session", "-d", "-s", session, "-x", "200", "-y", "60",
                "bash", "-c", command + "; sleep 600");
        assertEquals(0, started.exitCode(), started.output());
        return this;
    }

    String screen() {
        return HostCommand.run("tmux", "capture-pane", "-p", "-t", session).output();
    }

    /** The screen with its colours, as SGR escape sequences. */
    String screenWithColours() {
        return HostCommand.run("tmux", "capture-pane", "-p", "-e", "-t", session).output();
    }

    void key(String key) {
        HostCommand.run("tmux", "send-keys", "-t", session, key);
    }

    /** Types the text literally, then Enter. */
    void type(String text) {
        HostCommand.run("tmux", "send-keys", "-t", session, "-l", text);
        key("Enter");
    }

    String await(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String screen = screen();
        while (System.nanoTime() < deadline) {
            screen = screen();
            // tmux may show a frame half written: only a screen that holds still counts.
            if (condition.test(screen)) {
                Thread.sleep(50);
                String again = screen();
                if (again.equals(screen)) {
                    return screen;
                }
            }
            if (exitStatus().isPresent()) {
                fail("the console exited while waiting for " + what + ":\n" + screen);
            }
            Thread.sleep(50);
        }
        return fail("no " + what + " within " + PATIENCE.toMinutes() + " min:\n" + screen);
    }

    /** Waits for the console to end; its exit status. */
    int awaitExit(Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Integer> status = exitStatus();
            if (status.isPresent()) {
                return status.get();
            }
            Thread.sleep(100);
        }
        return fail("the console did not exit within " + patience.toSeconds() + " s:\n" + screen());
    }

    private Optional<Integer> exitStatus() {
        try {
            String text = Files.readString(exitFile).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The console's JVM (a descendant of the pane's shell), for signals. */
    long pid() {
        Deque<String> parents = new ArrayDeque<>(List.of(
                HostCommand.run("tmux", "display-message", "-p", "-t", session, "#{pane_pid}").output().strip()));
        while (!parents.isEmpty()) {
            String parent = parents.pop();
            String java = HostCommand.run("pgrep", "-P", parent, "-x", "java").output().strip();
            if (!java.isEmpty()) {
                return Long.parseLong(java.lines().findFirst().orElseThrow());
            }
            HostCommand.run("pgrep", "-P", parent).output().lines().map(String::strip).forEach(parents::add);
        }
        throw new IllegalStateException("no console process in " + session);
    }

    @Override
    public void close() throws IOException {
        HostCommand.run("tmux", "kill-session", "-t", session);
        Files.deleteIfExists(exitFile);
    }
}
