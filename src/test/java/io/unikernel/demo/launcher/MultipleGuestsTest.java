package io.unikernel.demo.launcher;

import io.unikernel.demo.cli.Main;
import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 2015 README's known issue said a stock kernel ran only one docker-unikernel at a time;
 * here four run at once, each with its own tap device, reachable by address and by name.
 */
class MultipleGuestsTest {
    private static final int GUESTS = 4;
    private static ContainerEngine engine;

    @BeforeAll
    static void buildImage() {
        TestImage.ensureBuilt();
        engine = ContainerEngine.connect();
    }

    @AfterAll
    static void cleanUp() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of("multiple-guests-test"));
        engine.close();
    }

    @Test
    void fourGuestsRunAtOnceReachableByAddressAndNameThenRmAllLeavesNothing(@TempDir Path stateDir) throws Exception {
        Launcher launcher = new Launcher(engine, HostPaths.real(), Optional::empty, "multiple-guests-test");
        List<Launched> guests = new ArrayList<>();
        for (int i = 0; i < GUESTS; i++) {
            guests.add(launcher.launch(RunOptions.of(TestImage.NAME).withName("du-multi-" + i).withHostname("web" + i)));
        }

        Set<String> taps = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (Launched g : guests) {
            taps.add(g.network().tapDevice());
            addresses.add(g.network().address().getHostAddress());
        }
        assertEquals(GUESTS, taps.size(), "each guest has its own tap device: " + taps);
        assertEquals(GUESTS, addresses.size(), "each guest has its own address: " + addresses);

        for (Launched g : guests) {
            String ip = g.network().address().getHostAddress();
            assertTrue(GuestProbe.awaitHttp(ip, Duration.ofSeconds(180)).contains(TestImage.PAGE_MARKER));
            assertTrue(GuestProbe.pings(ip), "ping " + ip);
        }

        var options = ContainerDns.Options.defaults().withPort(5399).withStateDir(stateDir);
        try (ContainerDns dns = ContainerDns.start(engine, options)) {
            String server = dns.address().getAddress().getHostAddress();
            for (int i = 0; i < GUESTS; i++) {
                String expected = guests.get(i).network().address().getHostAddress();
                for (String name : List.of("du-multi-" + i, "web" + i, "du-multi-" + i + ".docker")) {
                    var dig = HostCommand.run("dig", "@" + server, "-p", "5399", "+short", "+time=2", "+tries=1", name);
                    assertEquals(expected, dig.output().strip(), "dig " + name);
                }
            }
        }

        var out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(List.of("rm", "--all"), new PrintStream(out), System.err));
        for (int i = 0; i < GUESTS; i++) {
            assertTrue(out.toString().contains("du-multi-" + i), out.toString());
        }
        assertEquals(List.of(), engine.listLabelled(Labels.MANAGED, "true"));
    }
}
