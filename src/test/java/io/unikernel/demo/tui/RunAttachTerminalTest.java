package io.unikernel.demo.tui;

import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code run -a} in tmux puts the terminal in raw mode for the guest and gives it back exactly, however it ends. */
class RunAttachTerminalTest {
    private static final String NAME = "tterm-attach";

    private Path dir;
    private TmuxConsole pane;

    @BeforeAll
    static void image() {
        TestImage.ensureBuilt();
    }

    @BeforeEach
    void dir() throws Exception {
        dir = Files.createTempDirectory("tterm-");
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (pane != null) {
            pane.close();
        }
        HostCommand.run("docker", "rm", "-f", NAME);
        HostCommand.run("rm", "-rf", dir.toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"detach", "SIGTERM", "SIGHUP"})
    void theTerminalComesBackExactly(String ending) throws Exception {
        pane = TmuxConsole.startCliBetweenStty("tterm-run-a", "", "run -a --name " + NAME + " " + TestImage.NAME,
                dir.resolve("before"), dir.resolve("after"));
        pane.await(s -> s.contains("Attached to " + NAME), "attached to the guest");
        String raw = HostCommand.run("tmux", "display-message", "-p", "-t", "tterm-run-a", "#{pane_tty}").output().strip();
        assertEquals(0, HostCommand.run("sh", "-c", "stty -a < " + raw + " | grep -q -- '-icanon'").exitCode(),
                "raw while attached");
        int expected = switch (ending) {
            case "detach" -> {
                pane.key("C-p");
                pane.key("C-q");
                yield 0;
            }
            case "SIGTERM" -> {
                HostCommand.run("kill", "-TERM", Long.toString(pane.pid()));
                yield 143;
            }
            default -> {
                HostCommand.run("kill", "-HUP", Long.toString(pane.pid()));
                yield 129;
            }
        };
        assertEquals(expected, pane.awaitExit(Duration.ofSeconds(60)), "run -a's exit status");
        assertEquals(Files.readString(dir.resolve("before")), Files.readString(dir.resolve("after")),
                "stty -a after run -a equals stty -a before it");
    }
}
