package io.unikernel.demo.preflight;

import io.unikernel.demo.docker.DaemonInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/** Room for the images and the guests' data where Docker keeps them. */
final class DiskCheck implements HostCheck {
    static final long ENOUGH_BYTES = 5L << 30;
    static final Path DEFAULT_DOCKER_ROOT = Path.of("/var/lib/docker");

    private final Supplier<DaemonInfo> docker;

    DiskCheck(Supplier<DaemonInfo> docker) {
        this.docker = docker;
    }

    @Override
    public String name() {
        return "disk";
    }

    @Override
    public Check run() throws IOException {
        Path root = dockerRoot();
        return decide(root, Files.getFileStore(existing(root)).getUsableSpace());
    }

    Check decide(Path root, long usable) {
        String figure = Sizes.gib(usable) + " free in " + root;
        return usable >= ENOUGH_BYTES ? Check.ok(name(), figure)
                : Check.warn(name(), "only " + figure + " (" + Sizes.gib(ENOUGH_BYTES) + " advised): builds may fail",
                        "remove unused images ('docker image prune') or free space on that file system");
    }

    /** Docker's DockerRootDir; its default when the daemon cannot say, as this check must not need it. */
    Path dockerRoot() {
        try {
            String root = docker.get().rootDir();
            return root == null || root.isBlank() ? DEFAULT_DOCKER_ROOT : Path.of(root);
        } catch (RuntimeException e) {
            return DEFAULT_DOCKER_ROOT;
        }
    }

    /** The nearest directory that exists: a daemon never started has no root yet, but its file system has room. */
    private static Path existing(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p.getParent() != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }
}
