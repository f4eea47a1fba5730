package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.PlantedLinksImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** docker-unikernel ps against the real Docker engine, with a container that lies about its QMP socket. */
class PsCommandTest {
    private static final String IMAGE = "tfs-qmp-link";
    private static final String CONTAINER = "tfs-ps-qmp-link";
    private static final Path HOST_SOCKET = Path.of("/tmp/tfs-host-" + ProcessHandle.current().pid() + ".sock");
    private static ContainerEngine engine;

    @BeforeAll
    static void buildImage() throws Exception {
        engine = ContainerEngine.connect();
        PlantedLinksImage.build(engine, IMAGE, Map.of("run/unikernel/qmp.sock", HOST_SOCKET.toString()));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (engine.inspect(CONTAINER).isPresent()) {
            engine.remove(CONTAINER, true);
        }
        PlantedLinksImage.remove(engine, IMAGE);
        engine.close();
        Files.deleteIfExists(HOST_SOCKET);
    }

    @Test
    void neverConnectsToTheHostSocketAContainersQmpSocketLinksTo() throws Exception {
        try (ServerSocketChannel host = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            host.bind(UnixDomainSocketAddress.of(HOST_SOCKET));
            host.configureBlocking(false);
            assertEquals(0, cli("run", "--name", CONTAINER, IMAGE).status(), "the run/unikernel directory itself is real");

            Cli ps = cli("ps");
            assertEquals(0, ps.status(), ps.err());
            String row = ps.out().lines().filter(l -> l.startsWith(CONTAINER + " ")).findFirst().orElseThrow(() ->
                    new AssertionError("no row for " + CONTAINER + " in:\n" + ps.out()));
            List<String> columns = List.of(row.trim().split("\\s+"));
            assertEquals(List.of("-", "-"), columns.subList(columns.size() - 3, columns.size() - 1),
                    "no VM state and accelerator from a socket that is a link: " + row);
            assertNull(host.accept(), "ps connected to the host's socket");
        }
    }

    private record Cli(int status, String out, String err) {
    }

    private static Cli cli(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
        return new Cli(status, out.toString(), err.toString());
    }
}
