package io.unikernel.demo.testsupport;

import io.unikernel.demo.cli.Main;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.cli.HelperProcess;
import io.unikernel.demo.runtime.Dockerd;
import io.unikernel.demo.runtime.RegistrationException;
import io.unikernel.demo.runtime.RuntimeRegistration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared dockerd's daemon.json as a test found it: {@link #close()} has dockerd drop our
 * runtime if it still lists it, then puts those bytes back (or deletes the file if there was
 * none), and stops the runtime helper if none ran before. dockerd is only ever reloaded (SIGHUP),
 * never restarted.
 */
public final class DaemonJsonBackup implements AutoCloseable {
    private final Dockerd dockerd;
    private final Optional<byte[]> original;
    private final boolean helperWasRunning;

    private DaemonJsonBackup(Dockerd dockerd, Optional<byte[]> original, boolean helperWasRunning) {
        this.dockerd = dockerd;
        this.original = original;
        this.helperWasRunning = helperWasRunning;
    }

    public static DaemonJsonBackup take() throws IOException {
        Dockerd dockerd = Dockerd.find();
        Path file = dockerd.configFile();
        return new DaemonJsonBackup(dockerd, Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty(),
                HelperProcess.running().isPresent());
    }

    /**
     * Takes the backup, then registers our runtime as a user does ({@code docker-unikernel runtime
     * install}); closing the backup takes it away again.
     */
    public static DaemonJsonBackup takeAndInstallRuntime() throws IOException {
        DaemonJsonBackup backup = take();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("runtime", "install"), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        if (status != 0) {
            backup.close();
            throw new IllegalStateException("docker-unikernel runtime install failed (" + status + "): " + err);
        }
        return backup;
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
        putBack();
        if (listedRuntimes().contains("\"" + RuntimeRegistration.NAME + "\"")) {
            try (ContainerEngine engine = ContainerEngine.connect()) {
                new RuntimeRegistration(engine, dockerd).uninstall();
            } catch (RegistrationException e) {
                throw new IOException("Failed to drop the runtime from dockerd after a test: " + e.getMessage(), e);
            }
            // The uninstall rewrote the file as text; the bytes go back as they were.
            putBack();
        }
        if (!helperWasRunning) {
            HelperProcess.stop();
        }
    }

    private void putBack() throws IOException {
        if (original.isPresent()) {
            Files.write(file(), original.get());
        } else {
            Files.deleteIfExists(file());
        }
    }
}
