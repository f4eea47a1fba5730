package io.unikernel.demo.testsupport;

import io.unikernel.demo.docker.ContainerEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The tiny test image {@value #NAME}: Debian's static busybox as /bin/busybox with links for
 * sh, sleep and httpd, imported from a tarball (no registry). Built once, only if missing.
 * Equivalent to: {@code tar -C rootfs -c . | docker import - unikernel-test/busybox}.
 */
public final class BusyboxImage {
    public static final String NAME = "unikernel-test/busybox";
    static final Path BUSYBOX = Path.of("/bin/busybox");
    static final List<String> APPLETS = List.of("sh", "sleep", "httpd", "ls", "cat", "wget");

    private BusyboxImage() {
    }

    /** Makes sure the image exists, building it if needed; returns its name. */
    public static synchronized String ensure(ContainerEngine engine) throws IOException, InterruptedException {
        if (engine.imageId(NAME).isEmpty()) {
            build();
        }
        return NAME;
    }

    private static void build() throws IOException, InterruptedException {
        if (!"install ok installed".equals(run(List.of("dpkg-query", "-W", "-f=${Status}", "busybox-static"), true))) {
            run(List.of("apt-get", "install", "-y", "busybox-static"), false);
        }
        Path work = Files.createTempDirectory("busybox-image");
        try {
            Path bin = Files.createDirectories(work.resolve("rootfs/bin"));
            Files.copy(BUSYBOX, bin.resolve("busybox"));
            for (String applet : APPLETS) {
                Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
            }
            Files.createDirectories(work.resolve("rootfs/tmp"));
            Path tar = work.resolve("rootfs.tar");
            run(List.of("tar", "-C", work.resolve("rootfs").toString(), "-cf", tar.toString(), "."), false);
            run(List.of("docker", "import", tar.toString(), NAME), false);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String run(List<String> command, boolean mayFail) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int status = process.waitFor();
        if (status != 0 && !mayFail) {
            throw new IOException("Failed to build test image " + NAME + ": '" + String.join(" ", command)
                    + "' exited with " + status + ": " + output);
        }
        return output;
    }
}
