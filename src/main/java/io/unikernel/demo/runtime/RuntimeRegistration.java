package io.unikernel.demo.runtime;

import io.unikernel.demo.json.JsonSyntaxException;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Signals;
import io.unikernel.demo.docker.RuntimeGuests;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code docker-unikernel runtime install|uninstall}: one entry of daemon.json's "runtimes",
 * made effective by a SIGHUP (dockerd reloads its configuration; running containers are not
 * touched), and checked against what dockerd itself then lists in {@code docker info}.
 */
public final class RuntimeRegistration {
    public static final String NAME = RuntimeGuests.RUNTIME;
    private static final Duration RELOAD_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;

    private final ContainerEngine engine;
    private final Dockerd dockerd;
    private final DaemonJsonFile file;

    public RuntimeRegistration(ContainerEngine engine, Dockerd dockerd) {
        this.engine = engine;
        this.dockerd = dockerd;
        this.file = new DaemonJsonFile(dockerd.configFile());
    }

    /** Registers {@code runtime} as {@value #NAME}; returns what was done, in one line. */
    public String install(Path runtime) throws RegistrationException {
        String path = runtime.toString();
        Optional<String> original = read();
        DaemonJsonEdit.Result edit;
        try {
            edit = DaemonJsonEdit.install(original, NAME, path);
        } catch (JsonSyntaxException e) {
            throw malformed(e, "install");
        }
        boolean listed = listedPath().filter(path::equals).isPresent();
        if (edit.change().isEmpty() && listed) {
            return "The runtime '" + NAME + "' (" + path + ") is already in " + file.path() + " and listed by dockerd; nothing changed";
        }
        write(edit.text());
        try {
            reloadUntil(() -> listedPath().filter(path::equals).isPresent(), "list the runtime '" + NAME + "' with path " + path);
        } catch (RegistrationException e) {
            restore(original, e);
            throw e;
        }
        return file.path() + ": " + edit.change().orElse("unchanged") + " (" + path + "); dockerd (pid " + dockerd.pid()
                + ") reloaded it and lists it: docker run --runtime " + NAME + " IMAGE";
    }

    public String uninstall() throws RegistrationException {
        Optional<String> original = read();
        DaemonJsonEdit.Result edit;
        try {
            edit = DaemonJsonEdit.uninstall(original, NAME);
        } catch (JsonSyntaxException e) {
            throw malformed(e, "uninstall");
        }
        if (edit.change().isEmpty() && listedPath().isEmpty()) {
            return "The runtime '" + NAME + "' is neither in " + file.path() + " nor listed by dockerd; nothing changed";
        }
        try {
            // dockerd keeps the runtimes it has when the file it reloads does not name "runtimes".
            String forReload = DaemonJsonEdit.namingRuntimes(edit.text());
            write(Optional.of(forReload));
            reloadUntil(() -> listedPath().isEmpty(), "drop the runtime '" + NAME + "'");
            if (!edit.text().equals(Optional.of(forReload))) {
                write(edit.text());
            }
        } catch (JsonSyntaxException e) {
            throw malformed(e, "uninstall");
        } catch (RegistrationException e) {
            restore(original, e);
            throw e;
        }
        return file.path() + ": " + edit.change().orElse("unchanged") + "; dockerd (pid " + dockerd.pid()
                + ") reloaded it and no longer lists the runtime '" + NAME + "'";
    }

    /** The path dockerd reports for our runtime, if it lists one. */
    public Optional<String> listedPath() {
        return Optional.ofNullable(engine.daemonInfo().runtimes().get(NAME));
    }

    private interface Condition {
        boolean holds();
    }

    private void reloadUntil(Condition done, String what) throws RegistrationException {
        try {
            Signals.hangUp(dockerd.pid());
        } catch (HostException e) {
            throw new RegistrationException(e.getMessage(), e);
        }
        long deadline = System.nanoTime() + RELOAD_WAIT.toNanos();
        while (!done.holds()) {
            if (System.nanoTime() > deadline) {
                throw new RegistrationException("dockerd (pid " + dockerd.pid() + ") did not " + what + " within "
                        + RELOAD_WAIT.toSeconds() + " s of SIGHUP: it refuses a configuration it cannot use; see its log");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistrationException("Interrupted while waiting for dockerd to reload " + file.path(), e);
            }
        }
    }

    private void restore(Optional<String> original, RegistrationException failure) {
        try {
            write(original);
            Signals.hangUp(dockerd.pid());
        } catch (RegistrationException | HostException e) {
            failure.addSuppressed(e);
        }
    }

    private RegistrationException malformed(JsonSyntaxException e, String verb) {
        return new RegistrationException(file.path() + " is not valid JSON (" + e.getMessage() + "): fix it, then run 'docker-unikernel runtime "
                + verb + "' again; it was left as it was", e);
    }

    private Optional<String> read() throws RegistrationException {
        try {
            return file.read();
        } catch (IOException e) {
            throw new RegistrationException("Failed to read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private void write(Optional<String> text) throws RegistrationException {
        try {
            file.write(text);
        } catch (IOException e) {
            throw new RegistrationException("Failed to write " + file.path() + ": " + e.getMessage(), e);
        }
    }
}
