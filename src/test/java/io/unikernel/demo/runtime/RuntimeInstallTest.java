package io.unikernel.demo.runtime;

import io.unikernel.demo.cli.HelperProcess;
import io.unikernel.demo.cli.Main;
import io.unikernel.demo.testsupport.DaemonJsonBackup;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-unikernel runtime install|uninstall against the real dockerd (reloaded with SIGHUP, never restarted). */
class RuntimeInstallTest {
    private static final String RUNTIME_PATH = Path.of("docker-unikernel-runtime").toAbsolutePath().toString();
    /**
     * Settings dockerd takes on a reload without touching anything running, at their default
     * values: dockerd keeps a reloaded setting after the key is gone from the file again.
     */
    private static final String OTHER_SETTINGS = "{\n    \"max-concurrent-downloads\": 3,\n\n    \"max-concurrent-uploads\": 5\n}\n";

    private DaemonJsonBackup backup;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void buildTheJarTheHelperRunsFrom() throws Exception {
        RuntimeJar.ensureBuilt();
    }

    @BeforeEach
    void saveDaemonJson() throws Exception {
        backup = DaemonJsonBackup.take();
    }

    @AfterEach
    void restoreDaemonJson() throws Exception {
        backup.close();
    }

    private int runtime(String verb) {
        out.reset();
        err.reset();
        return Main.run(List.of("runtime", verb), new PrintStream(out, true), new PrintStream(err, true));
    }

    private static boolean listed() {
        return DaemonJsonBackup.listedRuntimes().contains("\"unikernel\":{\"path\":\"" + RUNTIME_PATH + "\"");
    }

    @Test
    void installAndUninstallKeepEveryOtherByteOfDaemonJson() throws Exception {
        Files.writeString(backup.file(), OTHER_SETTINGS);

        assertEquals(0, runtime("install"), err.toString());
        assertTrue(out.toString().contains("added \"runtimes\" with the runtime 'unikernel'"), out.toString());
        assertTrue(listed(), DaemonJsonBackup.listedRuntimes());
        assertTrue(HelperProcess.running().isPresent(), "install started the runtime helper: " + out);
        assertTrue(Files.readString(backup.file()).endsWith("},\n    \"max-concurrent-downloads\": 3,\n\n    \"max-concurrent-uploads\": 5\n}\n"));

        assertEquals(0, runtime("install"), err.toString());
        assertTrue(out.toString().contains("nothing changed"), out.toString());

        assertEquals(0, runtime("uninstall"), err.toString());
        assertArrayEquals(OTHER_SETTINGS.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(backup.file()));
        assertFalse(listed(), DaemonJsonBackup.listedRuntimes());
        assertTrue(HelperProcess.running().isEmpty(), "uninstall stopped the runtime helper: " + out);

        assertEquals(0, runtime("uninstall"), err.toString());
        assertTrue(out.toString().contains("nothing changed"), out.toString());
    }

    @Test
    void aMissingDaemonJsonIsCreatedAndRemovedAgain() throws Exception {
        Files.deleteIfExists(backup.file());

        assertEquals(0, runtime("install"), err.toString());
        assertTrue(out.toString().contains("created it"), out.toString());
        assertTrue(listed(), DaemonJsonBackup.listedRuntimes());

        assertEquals(0, runtime("uninstall"), err.toString());
        assertFalse(Files.exists(backup.file()), "daemon.json deleted again");
        assertFalse(listed(), DaemonJsonBackup.listedRuntimes());
    }

    @Test
    void aMalformedDaemonJsonIsRefusedWithLineAndColumnAndLeftAlone() throws Exception {
        String malformed = "{\n  \"debug\": false,\n}\n";
        Files.writeString(backup.file(), malformed);
        boolean helperBefore = HelperProcess.running().isPresent();

        assertEquals(1, runtime("install"));
        assertEquals("docker-unikernel: " + backup.file() + " is not valid JSON (line 3, column 1: expected '\"' to start a member"
                + " name but found '}'): fix it, then run 'docker-unikernel runtime install' again; it was left as it was\n", err.toString());
        assertEquals(malformed, Files.readString(backup.file()));
        assertFalse(listed(), DaemonJsonBackup.listedRuntimes());
        assertEquals(helperBefore, HelperProcess.running().isPresent(), "a refused install starts no helper");
    }
}
