package io.unikernel.demo.guest;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptionsParser;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker stop asks a real guest to power off instead of killing it: the runner sends the
 * request over QMP, init stops MariaDB, unmounts its disk and powers off; a guest that ignores
 * the request is killed at the runner's deadline and does not report a clean power-off.
 */
class GuestShutdownTest {
    private static final String SESSION = "tsd-shutdown-test";
    private static final String VOLUME = "tsd-shutdown-mysqldata";
    private static final String IGNORING_IMAGE = "unikernel-test/tsd-stop-ignored";
    private static final Duration BOOT = Duration.ofSeconds(120);
    /** Longer than the runner's deadline (8 s), so that only the runner can be the one that kills. */
    private static final Duration PATIENT_STOP = Duration.ofSeconds(30);
    private static ContainerEngine engine;
    private static Launcher launcher;

    @BeforeAll
    static void buildImages() throws Exception {
        DemoImages.ensureBuilt();
        engine = ContainerEngine.connect();
        launcher = new Launcher(engine, HostPaths.real(), Optional::empty, SESSION);
        HostCommand.run("docker", "volume", "rm", "-f", VOLUME);
    }

    @AfterEach
    void removeGuests() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
    }

    @AfterAll
    static void removeVolumeAndImage() {
        HostCommand.run("docker", "volume", "rm", "-f", VOLUME);
        HostCommand.run("docker", "rmi", "-f", IGNORING_IMAGE);
        engine.close();
    }

    @Test
    void dockerStopShutsMariaDbDownCleanlyAndTheNextStartRecoversNothing() throws Exception {
        Launched first = run("--name", "tsd-mysql", "-v", VOLUME + ":/unikernel/data", "unikernel/mysql");
        String ip = first.network().address().getHostAddress();
        awaitRows(ip);

        long started = System.nanoTime();
        engine.stop(first.containerId(), ManagedContainers.STOP_TIMEOUT);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("docker stop of the mysql unikernel took " + took.toMillis() + " ms");

        ContainerInfo stopped = engine.inspect(first.containerId()).orElseThrow();
        String log = log(first.containerId());
        assertFalse(stopped.running(), log);
        assertEquals(0, stopped.exitCode(), "a clean power-off; docker stop took " + took.toMillis() + " ms\n" + log);
        assertTrue(log.contains("runner: stop requested"), log);
        assertTrue(log.contains("mariadbd: Shutdown complete"), "MariaDB shut down normally:\n" + log);
        assertTrue(log.contains("init: unmounted /data"), log);
        engine.remove(first.containerId(), false);

        Launched second = run("--name", "tsd-mysql", "-v", VOLUME + ":/unikernel/data", "unikernel/mysql");
        awaitRows(second.network().address().getHostAddress());
        String again = log(second.containerId());
        assertFalse(again.contains("needs a check"), "the data image was cleanly unmounted:\n" + again);
        assertFalse(again.contains("crash recovery"), "InnoDB had nothing to recover:\n" + again);
    }

    @Test
    void aGuestThatIgnoresTheRequestIsKilledAtTheDeadlineAndDoesNotExitZero(@TempDir Path work) throws Exception {
        buildIgnoringImage(work);
        Launched guest = run("--name", "tsd-stop-ignored", IGNORING_IMAGE);
        awaitLog(guest.containerId(), "stop-ignored guest: up");

        engine.stop(guest.containerId(), PATIENT_STOP);

        ContainerInfo stopped = engine.inspect(guest.containerId()).orElseThrow();
        String log = log(guest.containerId());
        assertFalse(stopped.running(), log);
        assertNotEquals(0, stopped.exitCode(), log);
        assertEquals(137, stopped.exitCode(), log);
        assertTrue(log.contains("runner: the guest did not power off within 8 s of the stop request: QEMU killed"), log);
    }

    @Test
    void dockerStopBeforeTheGuestStartsEndsTheContainerAtOnce() throws Exception {
        // Without the launcher's plumbing /dev/tap0 never appears: the runner waits for it (60 s).
        String id = HostCommand.run("docker", "run", "-d", "--name", "tsd-unplumbed", "--label", Labels.MANAGED + "=true",
                "--label", Labels.SESSION + "=" + SESSION, "unikernel/nginx").output().strip();
        awaitLog(id, "runner: accelerator");

        engine.stop(id, PATIENT_STOP);

        ContainerInfo stopped = engine.inspect(id).orElseThrow();
        String log = log(id);
        assertEquals(143, stopped.exitCode(), log);
        assertTrue(log.contains("runner: stopped before the guest started"), log);
    }

    private static Launched run(String... args) throws Exception {
        return launcher.launch(RunOptionsParser.parse(List.of(args)));
    }

    private static String log(String id) {
        return String.join("\n", engine.logTail(id, 400));
    }

    private static void awaitLog(String id, String marker) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (!log(id).contains(marker)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + marker + "' on the console within " + BOOT.toSeconds() + " s:\n" + log(id));
            }
            Thread.sleep(200);
        }
    }

    private static void awaitRows(String ip) throws Exception {
        GuestProbe.awaitTcp(ip, 3306, BOOT);
        Properties login = new Properties();
        login.setProperty("user", "rump");
        login.setProperty("password", "");
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection("jdbc:mariadb://" + ip + ":3306/demo", login);
                 Statement s = c.createStatement();
                 ResultSet rows = s.executeQuery("select count(*) from unikernels")) {
                assertTrue(rows.next() && rows.getInt(1) > 0);
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * The nginx unikernel's image with another initramfs: a busybox shell as PID 1 that turns the
     * kernel's ctrl-alt-del into a signal to itself (as our init does) and then ignores it.
     */
    private static void buildIgnoringImage(Path work) throws IOException {
        String init = """
                #!/bin/busybox sh
                /bin/busybox mount -t proc proc /proc
                /bin/busybox mount -t devtmpfs dev /dev
                exec >/dev/console 2>&1 </dev/console
                echo 0 >/proc/sys/kernel/ctrl-alt-del
                trap '' INT TERM
                echo "stop-ignored guest: up"
                while :; do /bin/busybox sleep 1; done
                """;
        try (OutputStream out = Files.newOutputStream(work.resolve("initrd.cpio"));
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW)) {
            directory(cpio, "bin");
            directory(cpio, "proc");
            directory(cpio, "dev");
            file(cpio, "init", init.getBytes(StandardCharsets.UTF_8));
            try (InputStream busybox = Files.newInputStream(Path.of("/bin/busybox"))) {
                file(cpio, "bin/busybox", busybox.readAllBytes());
            }
        }
        Files.writeString(work.resolve("Dockerfile"), "FROM unikernel/nginx\nCOPY initrd.cpio /unikernel/initrd.cpio\n");
        HostCommand.Result build = HostCommand.run("docker", "build", "-q", "-t", IGNORING_IMAGE, work.toString());
        assertEquals(0, build.exitCode(), build.output());
    }

    private static void directory(CpioArchiveOutputStream cpio, String name) throws IOException {
        CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, 0);
        entry.setMode(CpioConstants.C_ISDIR | 0755);
        cpio.putArchiveEntry(entry);
        cpio.closeArchiveEntry();
    }

    private static void file(CpioArchiveOutputStream cpio, String name, byte[] content) throws IOException {
        CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, name, content.length);
        entry.setMode(CpioConstants.C_ISREG | 0755);
        cpio.putArchiveEntry(entry);
        cpio.write(content);
        cpio.closeArchiveEntry();
    }
}
