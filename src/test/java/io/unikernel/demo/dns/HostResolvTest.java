package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostResolvTest {
    // No final newline, a CR and a non-ASCII byte: restore must not "normalise" anything.
    private static final byte[] ORIGINAL = "# generated\r\nsearch lan\nnameserver 10.0.0.2\noptions edns0\n\u00e9"
            .getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    @Test
    void putsBridgeFirstAndRestoresByteForByte() throws Exception {
        Path resolv = dir.resolve("resolv.conf");
        Files.write(resolv, ORIGINAL);
        Object inode = Files.getAttribute(resolv, "unix:ino");
        Path state = dir.resolve("state");
        try (HostResolv installed = HostResolv.install(resolv, state, InetAddress.getByName("172.17.0.1"))) {
            assertEquals(List.of(InetAddress.getByName("172.17.0.1"), InetAddress.getByName("10.0.0.2")),
                    ResolvConf.read(resolv).nameservers());
            assertArrayEquals(ORIGINAL, Files.readAllBytes(state.resolve(HostResolv.BACKUP_NAME)));
            assertArrayEquals(ORIGINAL, installed.original());
        }
        assertArrayEquals(ORIGINAL, Files.readAllBytes(resolv));
        assertEquals(inode, Files.getAttribute(resolv, "unix:ino"), "file was replaced, not written in place");
        assertFalse(Files.exists(state.resolve(HostResolv.BACKUP_NAME)));
    }

    @Test
    void restoresFromBackupAfterACrash() throws Exception {
        Path resolv = dir.resolve("resolv.conf");
        Files.write(resolv, ORIGINAL);
        Path state = dir.resolve("state");
        HostResolv.install(resolv, state, InetAddress.getByName("172.17.0.1")).abandon(); // a SIGKILL
        assertFalse(java.util.Arrays.equals(ORIGINAL, Files.readAllBytes(resolv)));

        assertTrue(HostResolv.recover(resolv, state));
        assertArrayEquals(ORIGINAL, Files.readAllBytes(resolv));
        assertFalse(Files.exists(state.resolve(HostResolv.BACKUP_NAME)));
        assertFalse(HostResolv.recover(resolv, state));
    }

    @Test
    void secondInstallAfterCrashKeepsTheTrueOriginal() throws Exception {
        Path resolv = dir.resolve("resolv.conf");
        Files.write(resolv, ORIGINAL);
        Path state = dir.resolve("state");
        HostResolv.install(resolv, state, InetAddress.getByName("172.17.0.1")).abandon(); // crashed
        try (HostResolv again = HostResolv.install(resolv, state, InetAddress.getByName("172.17.0.1"))) {
            assertArrayEquals(ORIGINAL, again.original());
            String text = Files.readString(resolv, StandardCharsets.ISO_8859_1);
            assertEquals(1, text.split("nameserver 172.17.0.1", -1).length - 1, text);
        }
        assertArrayEquals(ORIGINAL, Files.readAllBytes(resolv));
    }
}
