package io.unikernel.demo.tui;

import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Ctrl-C and SIGTERM in the middle of the demo leave nothing behind: containers, DNS, resolv.conf, the screen. */
class DemoConsoleSignalsTest {
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private TmuxConsole console;

    @BeforeAll
    static void images() throws Exception {
        DemoImages.ensureBuilt();
    }

    @AfterEach
    void stopTheConsole() throws Exception {
        if (console != null) {
            console.close();
        }
        HostCommand.run("docker", "rm", "-f", "mysql");
    }

    @Test
    void sigtermRemovesTheContainersRestoresResolvConfAndTheScreen() throws Exception {
        String resolvBefore = Files.readString(RESOLV_CONF);
        console = startMysqlWithDns("du-console-sigterm");
        HostCommand.run("kill", "-TERM", Long.toString(console.pid()));
        assertEquals(143, console.awaitExit(Duration.ofSeconds(30)));
        nothingLeft(resolvBefore);
    }

    @Test
    void ctrlCRemovesTheContainersWithoutAsking() throws Exception {
        String resolvBefore = Files.readString(RESOLV_CONF);
        console = startMysqlWithDns("du-console-ctrl-c");
        console.key("C-c");
        assertEquals(0, console.awaitExit(Duration.ofSeconds(30)));
        nothingLeft(resolvBefore);
    }

    /** The DNS scene starts DNS with the host resolving through it; the mysql scene, two scenes on, runs mysql. */
    private static TmuxConsole startMysqlWithDns(String session) throws Exception {
        TmuxConsole c = TmuxConsole.start(session, TmuxConsole.SCENES.toString());
        try {
            c.await(s -> s.contains("scene 1/"), "the first scene");
            c.key("n");
            c.key("n");
            c.await(s -> s.contains(": Names for the guests"), "the DNS scene");
            c.key("Enter");
            c.await(s -> s.contains("│✔ start DNS"), "DNS started");
            c.key("n");
            c.key("n");
            c.await(s -> s.contains(": MySQL in a unikernel"), "the mysql scene");
            c.key("Enter");
            c.await(s -> s.contains("│✔ build mysql"), "mysql's image checked");
            c.key("Enter");
            c.await(s -> s.contains("mysql running: guest"), "mysql running");
            return c;
        } catch (Exception | AssertionError e) {
            // A console left running would hold the demo lock, port 53 and resolv.conf for every later test.
            c.close();
            throw e;
        }
    }

    private void nothingLeft(String resolvBefore) throws Exception {
        assertEquals("", HostCommand.run("docker", "ps", "-aq", "--filter", "label=io.unikernel.demo.session=demo").output().strip(),
                "the demo's containers");
        assertEquals(resolvBefore, Files.readString(RESOLV_CONF), "resolv.conf restored");
        String screen = console.screen();
        assertFalse(screen.contains("┌─ Scenes"), "the terminal has its own screen back:\n" + screen);
    }
}
