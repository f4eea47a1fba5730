package io.unikernel.demo.preflight;

import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.dns.ResolvRepair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResolvCheckTest {
    private static final String OURS = "# added by docker-unikernel dns; restored on exit\nnameserver 172.17.0.1\n";

    @TempDir
    Path dir;

    private Check check() throws Exception {
        return new ResolvCheck(new ResolvRepair(dir.resolve("resolv.conf"), dir)).run();
    }

    @Test
    void crossesAResolvConfThatAsksADeadServerOfOursWithTheFix() throws Exception {
        Files.writeString(dir.resolve("resolv.conf"), OURS + "nameserver 10.0.0.2\n");
        Files.writeString(dir.resolve("resolv.conf.backup"), "nameserver 10.0.0.2\n");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        new DnsServerState(gone.pid(), InetAddress.getByName("172.17.0.1"), 53).write(dir);
        assertEquals(Check.fail("resolv", dir.resolve("resolv.conf") + " asks 172.17.0.1 first, a docker-unikernel DNS "
                        + "server that is no longer running: the host resolves no name",
                "run any docker-unikernel command as root, or: cat " + dir.resolve("resolv.conf.backup") + " > "
                        + dir.resolve("resolv.conf")), check());
    }

    @Test
    void ticksOurLiveServerAndAFileWithoutUs() throws Exception {
        Files.writeString(dir.resolve("resolv.conf"), "nameserver 10.0.0.2\n");
        assertEquals(Check.ok("resolv", dir.resolve("resolv.conf") + " names no DNS server of ours"), check());

        Files.writeString(dir.resolve("resolv.conf"), OURS + "nameserver 10.0.0.2\n");
        new DnsServerState(ProcessHandle.current().pid(), InetAddress.getByName("172.17.0.1"), 53).write(dir);
        assertEquals(Check.ok("resolv", dir.resolve("resolv.conf") + " asks our DNS server on 172.17.0.1 first (pid "
                + ProcessHandle.current().pid() + ")"), check());
    }
}
