package io.unikernel.demo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Our own unikernel ({@code guest/unikernel}): its ELF from {@code build.sh} (cached by content,
 * so after the first build this costs a fraction of a second) and web roots packed by the real
 * {@code cpio} tool, as the image build packs them.
 */
public final class OwnUnikernel {
    private static final Path DIR = Path.of("guest", "unikernel");
    private static final long BUILD_TIMEOUT_MINUTES = 5;
    private static final Map<String, Path> ELVES = new HashMap<>();

    private OwnUnikernel() {
    }

    /** The stripped PVH ELF of httpd; built once per JVM; fails with the build's output. */
    public static Path httpdElf() throws IOException, InterruptedException {
        return elf("httpd");
    }

    /** The stripped PVH ELF of the application guest/unikernel/apps/APP, built once per JVM. */
    public static synchronized Path elf(String app) throws IOException, InterruptedException {
        Path elf = ELVES.get(app);
        if (elf == null) {
            HostCommand.Result build = HostCommand.runLogged(Duration.ofMinutes(BUILD_TIMEOUT_MINUTES), "bash",
                    DIR.resolve("build.sh").toString(), app);
            List<String> lines = build.output().lines().toList();
            if (build.exitCode() != 0 || lines.isEmpty()) {
                throw new IllegalStateException("guest/unikernel/build.sh failed:\n" + build.output());
            }
            elf = Path.of(lines.get(lines.size() - 1).strip());
            ELVES.put(app, elf);
        }
        return elf;
    }

    /** Writes the files (relative path to content) under dir and packs them into dir.cpio (newc). */
    public static Path webRoot(Path dir, Map<String, byte[]> files) throws IOException, InterruptedException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.write(p, f.getValue());
        }
        Path list = Files.createTempFile("tuk-cpio", ".list");
        Path archive = dir.resolveSibling(dir.getFileName() + ".cpio");
        try {
            try (var walk = Files.walk(dir)) {
                Files.write(list, walk.map(p -> "./" + dir.relativize(p)).sorted().toList());
            }
            Process p = new ProcessBuilder("cpio", "-o", "-H", "newc", "--quiet")
                    .directory(dir.toFile())
                    .redirectInput(list.toFile())
                    .redirectOutput(archive.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("cpio -o -H newc failed in " + dir);
            }
        } finally {
            Files.deleteIfExists(list);
        }
        return archive;
    }
}
