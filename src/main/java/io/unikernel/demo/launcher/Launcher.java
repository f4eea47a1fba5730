package io.unikernel.demo.launcher;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ContainerSpec;
import io.unikernel.demo.docker.DockerRefusedException;
import io.unikernel.demo.docker.ImageNotFoundException;
import io.unikernel.demo.dns.NameAnswer;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.Privileges;
import io.unikernel.demo.kvm.HostKvm;
import io.unikernel.demo.kvm.KvmVerdict;
import org.tinylog.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code docker-unikernel run}: creates and starts a container with the device access a
 * unikernel runner needs, then plumbs the guest's network into it. On any failure the
 * container (and with its network namespace every link made in it) is removed, unless the
 * caller asked to keep it.
 */
public final class Launcher {
    static final int LOG_LINES_ON_FAILURE = 20;
    private static final Duration EXIT_NOTICE_WAIT = Duration.ofSeconds(5);

    private final ContainerEngine engine;
    private final HostPaths paths;
    private final Supplier<Optional<String>> dnsServer;
    private final String session;

    /**
     * @param dnsServer the address of our running DNS server, if any; the guest's resolver
     * @param session   value of the session label, so each user of the launcher can clean up its own
     */
    public Launcher(ContainerEngine engine, HostPaths paths, Supplier<Optional<String>> dnsServer, String session) {
        this.engine = engine;
        this.paths = paths;
        this.dnsServer = dnsServer;
        this.session = session;
    }

    public Launched launch(RunOptions options) throws LaunchException {
        return launch(options, id -> { });
    }

    /**
     * As {@link #launch(RunOptions)}, calling beforeStart with the new container's id before it
     * starts: what must not miss the container's first moments (a wait for its exit) goes there.
     */
    public Launched launch(RunOptions options, Consumer<String> beforeStart) throws LaunchException {
        Timings timings = new Timings();
        String containerId = null;
        CompletableFuture<Void> natives = CompletableFuture.runAsync(Plumbing::loadNativeCalls);
        String launchId = UUID.randomUUID().toString();
        try (RemoveOnShutdown guard = new RemoveOnShutdown(engine, launchId)) {
            Privileges.requireRoot();
            timings.mark("checks");
            Optional<KvmVerdict> accelerator = new HostKvm(paths.kvm(), paths.proc(), paths.kvmVerdict(), engine).verdict();
            GuestDevices devices = GuestDevices.of(paths, accelerator);
            timings.mark("kvm");

            try {
                containerId = engine.create(spec(options, devices, launchId));
            } catch (ImageNotFoundException e) {
                throw new LaunchException(e.getMessage() + ": " + howToBuild(options.image()), e);
            } finally {
                guard.createReturned(containerId);
            }
            timings.mark("create");
            beforeStart.accept(containerId);
            return startAndPlumb(containerId, options.image(), timings, natives);
        } catch (LaunchException | HostException | DockerRefusedException | IllegalArgumentException e) {
            String message = e instanceof DockerRefusedException d ? dockerMessage(d, options) : e.getMessage();
            throw cleanUp(containerId, options, new LaunchException(message, e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cleanUp(containerId, options, new LaunchException("Interrupted while launching " + options.image(), e));
        } catch (RuntimeException e) {
            throw cleanUp(containerId, options, e);
        }
    }

    private Launched startAndPlumb(String containerId, String image, Timings timings, CompletableFuture<Void> natives)
            throws LaunchException {
        engine.start(containerId);
        timings.mark("start");

        ContainerInfo info = engine.inspect(containerId).orElseThrow(() -> new LaunchException(
                "The container exited and was removed before its network was plumbed (was it started with --rm?)"));
        requireRunning(info);
        timings.mark("inspect");

        natives.join();
        Optional<String> dns = dnsServer.get();
        GuestNetwork network;
        try {
            network = new Plumbing(paths.proc()).plumb(info.pid(), "unikernel image " + image, dns);
        } catch (LaunchException e) {
            requireRunning(afterProcessEnded(info));
            throw e;
        }
        timings.mark("plumbing");
        dns.ifPresent(server -> NameAnswer.awaitLaunched(server, info.name(), network.address()));
        Logger.debug("launched {} ({}) with {} {}", info.name(), info.shortId(), network.macvtap(), network.address());
        return new Launched(containerId, info.name(), network, timings);
    }

    private ContainerSpec spec(RunOptions options, GuestDevices devices, String launchId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.SESSION, session);
        labels.put(Labels.LAUNCH, launchId);
        List<String> env = new ArrayList<>(devices.env());
        env.addAll(options.env());
        return new ContainerSpec(options.image(), options.command(), options.name(), options.hostname(), options.network(), env,
                labels, options.publishAll(), options.publish(), options.volumes(), options.removeOnExit(),
                options.memoryBytes(), List.of(devices.macvtap().toString()), devices.kvm().map(Path::toString).stream().toList());
    }

    /**
     * The container as Docker sees it once its process is gone: Docker learns of the exit a
     * moment after the kernel, and until then would still call the container running.
     */
    private ContainerInfo afterProcessEnded(ContainerInfo info) throws LaunchException {
        if (Files.exists(paths.proc().resolve(Integer.toString(info.pid())))) {
            return info;
        }
        long deadline = System.nanoTime() + EXIT_NOTICE_WAIT.toNanos();
        ContainerInfo now = info;
        while (now.running() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LaunchException("Interrupted while waiting for the container " + info.name() + " to exit", e);
            }
            now = engine.inspect(info.id()).orElse(now);
        }
        return now;
    }

    private void requireRunning(ContainerInfo info) throws LaunchException {
        if (info.running()) {
            return;
        }
        List<String> tail = engine.logTail(info.id(), LOG_LINES_ON_FAILURE);
        throw new LaunchException("The container " + info.name() + " exited (status " + info.exitCode()
                + ") before its network was plumbed; its last log lines:\n  " + String.join("\n  ", tail));
    }

    private <E extends Exception> E cleanUp(String containerId, RunOptions options, E failure) {
        if (containerId == null) {
            return failure;
        }
        if (options.keepOnError()) {
            Logger.info("keeping container {} as asked (--keep-on-error)", containerId);
            return failure;
        }
        try {
            engine.remove(containerId, true);
            Logger.debug("docker rm -f {}", containerId);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static String howToBuild(String image) {
        if (image.startsWith("unikernel/")) {
            return "build it with 'docker-unikernel build " + image.substring("unikernel/".length()) + "'";
        }
        return "build or load it first ('docker build -t " + image + " ...' or 'docker load'); nothing is pulled from a registry";
    }

    private static String dockerMessage(DockerRefusedException e, RunOptions options) {
        String body = e.getMessage() == null ? "" : e.getMessage().strip();
        if (e.httpStatus() == 409) {
            return "Failed to create container" + options.name().map(n -> " " + n).orElse("") + ": " + body
                    + " (remove it with 'docker-unikernel rm -f NAME' or choose another --name)";
        }
        return "Failed to run " + options.image() + ": Docker said " + body;
    }
}
