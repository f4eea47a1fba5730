package io.unikernel.demo.testsupport;

import io.unikernel.demo.host.Signals;
import io.unikernel.demo.runtime.Dockerd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared dockerd's daemon.json as a test found it: {@link #close()} puts those bytes back (or
 * deletes the file if there was none) and has dockerd reload them, so the runtimes a test
 * registered are gone again. dockerd is only ever reloaded (SIGHUP), never restarted.
 */
public final class DaemonJsonBackup implements AutoCloseable {
    private final Dockerd dockerd;
    private final Optional<byte[]> original;

    private DaemonJsonBackup(Dockerd dockerd, Optional<byte[]> original) {
        this.dockerd = dockerd;
        this.original = original;
    }

    public static DaemonJsonBackup take() throws IOException {
        Dockerd dockerd = Dockerd.find();
        Path file = dockerd.configFile();
        return new DaemonJsonBackup(dockerd, Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty());
    }

    public Path file() {
        return dockerd.configFile();
    }

    public Dockerd dockerd() {
        return dockerd;
    }

    /** The runtimes dockerd lists now, as {@code docker info} prints them. */
    public static String listedRuntimes() {
        return HostCommand.run("docker", "info", "--format", "{{json .Runtimes}}").output().strip();
    }

    @Override
    public void close() throws IOException {
        if (original.isPresent()) {
            Files.write(file(), original.get());
        } else {
            Files.deleteIfExists(file());
        }
        Signals.hangUp(dockerd.pid());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (listedRuntimes().contains("\"unikernel\"") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
