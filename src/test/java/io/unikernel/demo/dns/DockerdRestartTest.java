package io.unikernel.demo.dns;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.testsupport.BusyboxImage;
import io.unikernel.demo.testsupport.Dockerd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real dockerd stopped and started again under a running DNS server: the server follows
 * Docker again by itself, and nothing of it reaches stderr or an uncaught-exception handler
 * (inside the console that would be text over the panes).
 */
class DockerdRestartTest {
    static final int PORT = 15381;
    static final Map<String, String> LABELS = Map.of("io.unikernel.demo.test", "tdns-restart");

    @TempDir
    Path stateDir;

    @AfterEach
    void dockerRunsAgainAndOurContainersAreGone() throws Exception {
        Dockerd.ensureRunning();
        DockerClient docker = DockerClients.connect();
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(LABELS).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
    }

    @Test
    void aContainerStartedAfterADockerdRestartResolves() throws Exception {
        List<Throwable> uncaught = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (ContainerEngine engine = ContainerEngine.connect();
             ContainerDns dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withPort(PORT)
                .withStateDir(stateDir))) {
            BusyboxImage.ensure(engine);
            InetAddress bridge = engine.bridgeGateway();
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Dockerd.restart();
            // A client made after the restart: one from before holds connections the old dockerd closed.
            DockerClient docker = DockerClients.connect();

            String name = "tdns-after-restart";
            String id = docker.createContainerCmd(BusyboxImage.NAME).withName(name).withCmd("sleep", "600")
                    .withLabels(LABELS).exec().getId();
            docker.startContainerCmd(id).exec();
            String ip = docker.inspectContainerCmd(id).exec().getNetworkSettings().getNetworks().get("bridge")
                    .getIpAddress();
            assertEquals(ip, awaitShort(bridge, name, ip), "the name of a container started after the restart");
        } finally {
            System.setErr(stderr);
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertEquals(List.of(), uncaught, "exceptions thrown at background threads");
        assertEquals("", printed.toString(StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARN: Docker's event stream ")).reduce("", (a, b) -> a + b + "\n"),
                "printed on stderr besides the one warning");
    }

    /** Asks until dig prints EXPECTED or the reconnect policy has had time for several tries. */
    private static String awaitShort(InetAddress bridge, String name, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        String out;
        do {
            out = Dig.ask(bridge, PORT, name, "+short").strip();
            if (out.equals(expected)) {
                return out;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return out;
    }
}
