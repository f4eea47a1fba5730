package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.testsupport.PlantedLinksImage;
import io.unikernel.demo.testsupport.TestImage;
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
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** docker-unikernel ps against the real Docker engine: QMP through the container's own socket, never through a link. */
class PsCommandTest {
    private static final String IMAGE = "tfs-qmp-link";
    private static final String CONTAINER = "tfs-ps-qmp-link";
    /** A real QEMU (from the test image) with no machine: it only answers QMP where the runner opens it. */
    private static final String QEMU_IMAGE = "tfs-qmp-qemu";
    private static final String QEMU_CONTAINER = "tfs-ps-qmp-qemu";
    private static final Path HOST_SOCKET = Path.of("/tmp/tfs-host-" + ProcessHandle.current().pid() + ".sock");
    private static ContainerEngine engine;

    @BeforeAll
    static void buildImage() throws Exception {
        engine = ContainerEngine.connect();
        PlantedLinksImage.build(engine, IMAGE, Map.of("run/unikernel/qmp.sock", HOST_SOCKET.toString()));
        TestImage.ensureBuilt();
        Path context = Files.createTempDirectory("tfs-qemu-image");
        try {
            Files.writeString(context.resolve("Dockerfile"), "FROM " + TestImage.NAME + "\n"
                    + "ENTRYPOINT [\"/bin/sh\", \"-c\", \"mkdir -p /run/unikernel && exec qemu-system-x86_64 -M none"
                    + " -nodefaults -display none -qmp unix:/run/unikernel/qmp.sock,server=on,wait=off\"]\n");
            engine.imageBuilds().build(context, QEMU_IMAGE, Map.of(), line -> { });
        } finally {
            Files.delete(context.resolve("Dockerfile"));
            Files.delete(context);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String container : List.of(CONTAINER, QEMU_CONTAINER)) {
            if (engine.inspect(container).isPresent()) {
                engine.remove(container, true);
            }
        }
        PlantedLinksImage.remove(engine, IMAGE);
        PlantedLinksImage.remove(engine, QEMU_IMAGE);
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

    @Test
    void showsTheStateAndAcceleratorOfARealQemuThroughTheContainersOwnSocket() throws Exception {
        assertEquals(0, cli("run", "--name", QEMU_CONTAINER, QEMU_IMAGE).status());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> columns;
        do {
            Thread.sleep(200);
            Cli ps = cli("ps");
            assertEquals(0, ps.status(), ps.err());
            columns = ps.out().lines().filter(l -> l.startsWith(QEMU_CONTAINER + " "))
                    .map(l -> List.of(l.trim().split("\\s+"))).findFirst().orElseThrow();
        } while (columns.get(columns.size() - 3).equals("-") && System.nanoTime() < deadline);
        assertEquals(List.of("running", "tcg"), columns.subList(columns.size() - 3, columns.size() - 1), columns.toString());
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
