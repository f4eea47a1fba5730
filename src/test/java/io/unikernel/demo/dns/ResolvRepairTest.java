package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ResolvRepairTest {
    private static final byte[] ORIGINAL = "search lan\nnameserver 10.0.0.2\r\noptions edns0\n\u00e9"
            .getBytes(StandardCharsets.ISO_8859_1);

    @TempDir
    Path dir;

    private Path resolv() {
        return dir.resolve("resolv.conf");
    }

    private Path state() {
        return dir.resolve("state");
    }

    /** What a SIGKILL leaves: our lines in resolv.conf, the backup, the state file of a dead process. */
    private void killedServerLeftovers(long deadPid) throws Exception {
        Files.write(resolv(), ORIGINAL);
        HostResolv.install(resolv(), state(), InetAddress.getByName("172.17.0.1")).abandon();
        new DnsServerState(deadPid, InetAddress.getByName("172.17.0.1"), 53).write(state());
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    @Test
    void restoresTheBackupOfAKilledServerAndSaysSoInOneLine() throws Exception {
        killedServerLeftovers(deadPid());
        ResolvRepair repair = new ResolvRepair(resolv(), state());
        assertEquals(new ResolvRepair.Standing.Stale(Optional.of(InetAddress.getByName("172.17.0.1")), true),
                repair.inspect());

        assertEquals(Optional.of(resolv() + " pointed at 172.17.0.1, a docker-unikernel DNS server that is no longer "
                + "running (killed?); restored it from " + state().resolve(HostResolv.BACKUP_NAME)), repair.repair());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(resolv()));
        assertFalse(Files.exists(state().resolve(HostResolv.BACKUP_NAME)));
        assertFalse(Files.exists(state().resolve(DnsServerState.FILE_NAME)), "the dead server's state file");
        assertInstanceOf(ResolvRepair.Standing.Clean.class, repair.inspect());
        assertEquals(Optional.empty(), repair.repair());
    }

    @Test
    void withoutABackupTakesOutExactlyTheLinesWeAdded() throws Exception {
        killedServerLeftovers(deadPid());
        Files.delete(state().resolve(HostResolv.BACKUP_NAME));
        ResolvRepair repair = new ResolvRepair(resolv(), state());
        assertEquals(Optional.of(resolv() + " pointed at 172.17.0.1, a docker-unikernel DNS server that is no longer "
                + "running (killed?); took out the lines it had added"), repair.repair());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(resolv()));
    }

    @Test
    void leavesTheFileOfALiveServerAlone() throws Exception {
        killedServerLeftovers(ProcessHandle.current().pid());
        byte[] installed = Files.readAllBytes(resolv());
        ResolvRepair repair = new ResolvRepair(resolv(), state());
        assertEquals(new ResolvRepair.Standing.Served(ProcessHandle.current().pid(), InetAddress.getByName("172.17.0.1")),
                repair.inspect());
        assertEquals(Optional.empty(), repair.repair());
        assertArrayEquals(installed, Files.readAllBytes(resolv()));
    }

    @Test
    void aFileWithNothingOfOursIsClean() throws Exception {
        Files.write(resolv(), ORIGINAL);
        ResolvRepair repair = new ResolvRepair(resolv(), state());
        assertInstanceOf(ResolvRepair.Standing.Clean.class, repair.inspect());
        assertEquals(Optional.empty(), repair.repair());
        assertArrayEquals(ORIGINAL, Files.readAllBytes(resolv()));
    }
}
