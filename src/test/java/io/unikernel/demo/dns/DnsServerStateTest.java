package io.unikernel.demo.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DnsServerStateTest {
    @TempDir
    Path dir;

    @Test
    void runningReportsAddressOfLiveServerOnPort53() throws Exception {
        var state = new DnsServerState(ProcessHandle.current().pid(), InetAddress.getByName("172.17.0.1"), 53);
        state.write(dir);
        assertEquals(Optional.of(InetAddress.getByName("172.17.0.1")), DnsServerState.running(dir));
        state.remove(dir);
        assertEquals(Optional.empty(), DnsServerState.running(dir));
    }

    @Test
    void runningIgnoresDeadProcessAndOtherPorts() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        new DnsServerState(dead.pid(), InetAddress.getByName("172.17.0.1"), 53).write(dir);
        assertEquals(Optional.empty(), DnsServerState.running(dir));
        new DnsServerState(ProcessHandle.current().pid(), InetAddress.getByName("172.17.0.1"), 5353).write(dir);
        assertEquals(Optional.empty(), DnsServerState.running(dir));
    }
}
