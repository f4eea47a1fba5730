package io.unikernel.demo.testsupport;

import com.github.dockerjava.api.exception.NotFoundException;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.docker.RawDocker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A hostile test image: {@value BusyboxImage#NAME} with symbolic links planted at the given
 * paths (as an image author could ship them), and {@code sleep} as its command. Built by Docker's
 * classic builder from a local context; nothing is pulled.
 */
public final class PlantedLinksImage {
    private PlantedLinksImage() {
    }

    /** @param links path in the image (relative to its root) to the link's target, as written in the link */
    public static String build(ContainerEngine engine, String tag, Map<String, String> links) throws IOException, InterruptedException {
        BusyboxImage.ensure(engine);
        Path context = Files.createTempDirectory("tfs-image");
        try {
            Path rootfs = Files.createDirectories(context.resolve("rootfs"));
            for (Map.Entry<String, String> link : links.entrySet()) {
                Path at = rootfs.resolve(link.getKey());
                Files.createDirectories(at.getParent());
                Files.createSymbolicLink(at, Path.of(link.getValue()));
            }
            Files.writeString(context.resolve("Dockerfile"),
                    "FROM " + BusyboxImage.NAME + "\nCOPY rootfs/ /\nCMD [\"/bin/sleep\", \"300\"]\n");
            engine.imageBuilds().build(context, tag, Map.of(), line -> { });
            return tag;
        } finally {
            try (Stream<Path> files = Files.walk(context)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public static void remove(ContainerEngine engine, String tag) {
        try {
            RawDocker.of(engine).removeImageCmd(tag).withForce(true).exec();
        } catch (NotFoundException gone) {
            // never built: nothing to remove
        }
    }
}
