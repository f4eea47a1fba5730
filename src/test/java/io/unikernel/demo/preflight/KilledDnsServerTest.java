package io.unikernel.demo.preflight;

import io.unikernel.demo.cli.Main;
import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.dns.HostResolv;
import io.unikernel.demo.dns.ResolvConf;
import io.unikernel.demo.dns.ResolvRepair;
import io.unikernel.demo.docker.BridgeNetwork;
import io.unikernel.demo.docker.DockerClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI's {@code dns --host-resolv}, SIGKILLed, on the host's own /etc/resolv.conf (put
 * back by the test whatever happens): preflight crosses what it left, the next CLI start repairs
 * it and says so in one line.
 */
class KilledDnsServerTest {
    private static final Path RESOLV_CONF = ContainerDns.Options.RESOLV_CONF;
    private static final Path BACKUP = DnsServerState.DEFAULT_DIR.resolve(HostResolv.BACKUP_NAME);

    private byte[] original;
    private Process server;

    @BeforeEach
    void saveResolvConf() throws Exception {
        assertFalse(Files.exists(BACKUP), BACKUP + " exists: another DNS server of ours holds resolv.conf");
        original = Files.readAllBytes(RESOLV_CONF);
    }

    @AfterEach
    void putResolvConfBack() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (!java.util.Arrays.equals(original, Files.readAllBytes(RESOLV_CONF))) {
            Files.write(RESOLV_CONF, original);
        }
        Files.deleteIfExists(BACKUP);
        var left = DnsServerState.read(DnsServerState.DEFAULT_DIR).filter(s -> !s.isAlive());
        if (left.isPresent()) {
            left.get().remove(DnsServerState.DEFAULT_DIR);
        }
    }

    private static ProcessBuilder cli(String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void aCliStartRepairsWhatASigkilledHostResolvServerLeft() throws Exception {
        InetAddress bridge = BridgeNetwork.gateway(DockerClients.connect());
        server = cli("dns", "--host-resolv").redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertTrue(first != null && first.startsWith("DNS server listening on " + bridge.getHostAddress() + ":53"),
                "dns --host-resolv said: " + first);
        assertEquals(bridge, ResolvConf.read(RESOLV_CONF).nameservers().get(0));

        server.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(server.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, server.exitValue(), "128 + SIGKILL");
        assertEquals(bridge, ResolvConf.read(RESOLV_CONF).nameservers().get(0), "what the SIGKILL left");

        Check resolv = new ResolvCheck(ResolvRepair.host()).run();
        assertEquals(Check.Status.FAIL, resolv.status(), resolv.line());
        assertTrue(resolv.line().contains("asks " + bridge.getHostAddress() + " first, a docker-unikernel DNS server "
                + "that is no longer running") && resolv.fix().contains("cat " + BACKUP), resolv.line());

        Process ps = cli("ps").start();
        assertTrue(ps.waitFor(60, TimeUnit.SECONDS));
        String stderr = new String(ps.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, ps.exitValue(), stderr);
        assertEquals(List.of("docker-unikernel: " + RESOLV_CONF + " pointed at " + bridge.getHostAddress()
                + ", a docker-unikernel DNS server that is no longer running (killed?); restored it from " + BACKUP),
                stderr.lines().toList());
        assertArrayEquals(original, Files.readAllBytes(RESOLV_CONF), "byte for byte as before the server");
        assertFalse(Files.exists(BACKUP));
        assertTrue(new ResolvRepair(RESOLV_CONF, DnsServerState.DEFAULT_DIR).inspect()
                instanceof ResolvRepair.Standing.Clean);

        Process again = cli("ps").start();
        assertTrue(again.waitFor(60, TimeUnit.SECONDS));
        assertEquals("", new String(again.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), "nothing more to say");
    }
}
