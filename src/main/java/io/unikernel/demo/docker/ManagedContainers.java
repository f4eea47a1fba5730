package io.unikernel.demo.docker;

import io.unikernel.demo.host.ContainerRoot;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.HostPaths;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The containers docker-unikernel made (found by label, so also those of a crashed session): list
 * (with the guests Docker started through our runtime) and remove (only ours).
 */
public final class ManagedContainers {
    /**
     * Docker's own default: the runner in our images kills a guest that has not powered off 2 s
     * before it (guest/runtime/runner, STOP_DEADLINE_S), so Docker's SIGKILL is the last resort.
     */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final ContainerEngine engine;
    private final HostPaths paths;

    public ManagedContainers(ContainerEngine engine, HostPaths paths) {
        this.engine = engine;
        this.paths = paths;
    }

    /**
     * Our guests, running or not: those docker-unikernel made, and those Docker started from our
     * images through our runtime ({@link RuntimeGuests}), which only {@code docker rm} removes.
     */
    public List<ManagedContainer> list() {
        List<ManagedContainer> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ListedContainer c : engine.listLabelled(Labels.MANAGED, "true")) {
            engine.inspect(c.id()).ifPresent(info -> {
                seen.add(info.id());
                result.add(describe(info));
            });
        }
        for (ListedContainer c : engine.listWithLabel(Labels.IMAGE_INPUTS)) {
            if (!seen.contains(c.id())) {
                engine.inspect(c.id()).filter(RuntimeGuests::startedByDocker).ifPresent(info -> result.add(describe(info)));
            }
        }
        return result;
    }

    /**
     * Removes the named containers; refuses names that are not ours before removing anything.
     * Running ones are stopped first, their guests asked to power off, unless forced: then they
     * are killed, as {@code docker rm -f} does.
     */
    public List<String> remove(List<String> names, boolean force) throws NotOurContainerException {
        List<ContainerInfo> targets = new ArrayList<>();
        for (String name : names) {
            ContainerInfo info = engine.inspect(name).orElseThrow(() -> new NotOurContainerException("No such container: " + name));
            if (!"true".equals(info.labels().get(Labels.MANAGED))) {
                throw new NotOurContainerException(name + " was not started by docker-unikernel: remove it with 'docker rm' if you mean it");
            }
            targets.add(info);
        }
        if (!force) {
            stop(targets.stream().filter(ContainerInfo::running).map(ContainerInfo::id).toList());
        }
        List<String> removed = new ArrayList<>();
        for (ContainerInfo info : targets) {
            // forced also when stopped: a restart policy may have started it again meanwhile
            engine.remove(info.id(), true);
            removed.add(info.name());
        }
        return removed;
    }

    /**
     * Removes all of our containers, or only those of one session when it is given; the running ones
     * are stopped first (their guests asked to power off), all at once.
     */
    public List<String> removeAll(Optional<String> session) {
        List<ListedContainer> targets = engine.listLabelled(Labels.MANAGED, "true").stream()
                .filter(c -> session.isEmpty() || session.get().equals(c.labels().get(Labels.SESSION)))
                .toList();
        stop(targets.stream().filter(ListedContainer::running).map(ListedContainer::id).toList());
        List<String> removed = new ArrayList<>();
        for (ListedContainer c : targets) {
            engine.remove(c.id(), true);
            removed.add(c.name());
        }
        return removed;
    }

    /** docker stop on each, in parallel: a guest's power-off takes seconds, and they do not wait for each other. */
    private void stop(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        ExecutorService stoppers = Executors.newFixedThreadPool(ids.size());
        try {
            List<Future<?>> stops = new ArrayList<>();
            for (String id : ids) {
                stops.add(stoppers.submit(() -> engine.stop(id, STOP_TIMEOUT)));
            }
            for (Future<?> stop : stops) {
                stop.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            // asked to hurry: the forced removal that follows kills what has not stopped yet
            Thread.currentThread().interrupt();
        } finally {
            stoppers.shutdownNow();
        }
    }

    private ManagedContainer describe(ContainerInfo info) {
        if (!info.running() || info.pid() <= 0) {
            return new ManagedContainer(info, Optional.empty(), Optional.empty(), Optional.empty());
        }
        try (ContainerRoot root = ContainerRoot.open(paths.proc(), info.pid())) {
            Optional<String> vtap = root.list("sys/class/net", "vtap*").stream().findFirst();
            Optional<String> mac = vtap.flatMap(v -> read(root, "sys/class/net/" + v + "/address"));
            Optional<String> tap = vtap.flatMap(v -> {
                try {
                    return Optional.of(root.tapDevice(v).toString());
                } catch (HostException e) {
                    return Optional.empty();
                }
            });
            return new ManagedContainer(info, vtap, mac, tap);
        } catch (HostException e) {
            // the container stopped while we looked: it has no guest network to show
            return new ManagedContainer(info, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static Optional<String> read(ContainerRoot root, String file) {
        try {
            return Optional.of(root.readFile(file).strip());
        } catch (HostException e) {
            return Optional.empty();
        }
    }
}
