package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.PlantedLinksImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-unikernel run (root, on the real Docker engine) of images whose contract paths are
 * symbolic links aimed at the host: the launch is refused in one line, nothing appears on the host
 * and no container is left; a linked /dev, which Docker itself replaces, leads nothing out either.
 */
class RunRefusesPlantedLinksTest {
    /** Where the links point, on the host: it exists, so a followed link would create files in it. */
    private static final Path HOST = Path.of("/tmp/tfs-planted-" + ProcessHandle.current().pid());
    private static ContainerEngine engine;
    private static final List<String> images = new ArrayList<>();
    private String container;

    @BeforeAll
    static void connect() throws Exception {
        engine = ContainerEngine.connect();
        Files.createDirectories(HOST.resolve("dev"));
        Files.createDirectories(HOST.resolve("run"));
    }

    @AfterEach
    void removeContainer() {
        if (container != null && engine.inspect(container).isPresent()) {
            engine.remove(container, true);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        images.forEach(image -> PlantedLinksImage.remove(engine, image));
        engine.close();
        try (Stream<Path> files = Files.walk(HOST)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "/{0} -> {1} link")
    @CsvSource({
            "ip, absolute, ip", "ip, relative, ip",
            "mask, absolute, mask", "mask, relative, mask",
            "gw, absolute, gw", "gw, relative, gw",
            "dns, absolute, dns", "dns, relative, dns",
            "run/unikernel, absolute, run", "run/unikernel, relative, run",
    })
    void refusesTheImageInOneLineAndTouchesNothingOnTheHost(String link, String kind, String target) throws Exception {
        String image = "tfs-link-" + link.replace('/', '-') + "-" + kind;
        String climb = "../".repeat(link.split("/").length + 6);
        String pointsAt = (kind.equals("absolute") ? HOST.toString() : climb + HOST.toString().substring(1)) + "/" + target;
        images.add(PlantedLinksImage.build(engine, image, Map.of(link, pointsAt)));
        container = image;
        List<Path> hostBefore = hostFiles();

        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Main.run(List.of("run", "--name", container, image), new PrintStream(out, true), new PrintStream(err, true));

        assertNotEquals(0, status, "exit status");
        assertEquals("docker-unikernel: unikernel image " + image + ": /" + link + " is a symbolic link; the host writes"
                + " the contract files itself and refuses to follow links in an image\n", err.toString());
        assertEquals("", out.toString(), "no container id: nothing was launched");
        assertEquals(Optional.empty(), engine.inspect(container), "the refused container is removed");
        assertEquals(hostBefore, hostFiles(), "nothing created on the host where the link points");
    }

    /**
     * Docker's init layer puts a real /dev directory over an image's /dev link (and mounts its tmpfs
     * there), so the launch goes on; the tap node lands in the container, nothing on the host. A /dev
     * that is a link when the host gets there is refused (ContainerRootTest, against the kernel).
     */
    @ParameterizedTest(name = "/dev -> {0} link")
    @CsvSource({"absolute", "relative"})
    void aLinkedDevInTheImageNeverTakesTheTapNodeOntoTheHost(String kind) throws Exception {
        String image = "tfs-link-dev-" + kind;
        String pointsAt = (kind.equals("absolute") ? "" : "../../../../../..") + HOST.resolve("dev");
        images.add(PlantedLinksImage.build(engine, image, Map.of("dev", pointsAt)));
        container = image;
        List<Path> hostBefore = hostFiles();

        var err = new ByteArrayOutputStream();
        int status = Main.run(List.of("run", "--name", container, image), new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true));

        assertEquals(0, status, err.toString());
        int pid = engine.inspect(container).orElseThrow().pid();
        assertTrue(Files.isDirectory(Path.of("/proc/" + pid + "/root/dev"), LinkOption.NOFOLLOW_LINKS), "Docker's own /dev");
        assertTrue(Files.exists(Path.of("/proc/" + pid + "/root/dev/tap0"), LinkOption.NOFOLLOW_LINKS), "the tap node inside");
        assertEquals(hostBefore, hostFiles(), "nothing created on the host where the link points");
    }

    private static List<Path> hostFiles() throws Exception {
        try (Stream<Path> files = Files.walk(HOST)) {
            return files.sorted().toList();
        }
    }
}
