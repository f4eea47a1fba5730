package io.unikernel.demo.launcher;

import com.github.dockerjava.api.model.Container;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.host.ContainerRoot;
import io.unikernel.demo.host.HostException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The containers docker-unikernel made (found by label, so also those of a crashed session): list and remove. */
public final class ManagedContainers {
    private final ContainerEngine engine;
    private final HostPaths paths;

    public ManagedContainers(ContainerEngine engine, HostPaths paths) {
        this.engine = engine;
        this.paths = paths;
    }

    public List<ManagedContainer> list() {
        List<ManagedContainer> result = new ArrayList<>();
        for (Container c : engine.listLabelled(Labels.MANAGED, "true")) {
            engine.inspect(c.getId()).ifPresent(info -> result.add(describe(info)));
        }
        return result;
    }

    /**
     * Removes the named containers; refuses names that are not ours, and running ones unless forced,
     * before removing anything.
     */
    public List<String> remove(List<String> names, boolean force) throws LaunchException {
        List<ContainerInfo> targets = new ArrayList<>();
        for (String name : names) {
            ContainerInfo info = engine.inspect(name).orElseThrow(() -> new LaunchException("No such container: " + name));
            if (!"true".equals(info.labels().get(Labels.MANAGED))) {
                throw new LaunchException(name + " was not started by docker-unikernel: remove it with 'docker rm' if you mean it");
            }
            if (info.running() && !force) {
                throw new LaunchException("Container " + name + " is running: stop it first or use 'docker-unikernel rm -f'");
            }
            targets.add(info);
        }
        List<String> removed = new ArrayList<>();
        for (ContainerInfo info : targets) {
            engine.remove(info.id(), force);
            removed.add(info.name());
        }
        return removed;
    }

    /** Removes all of our containers, or only those of one session when it is given. */
    public List<String> removeAll(Optional<String> session) {
        List<String> removed = new ArrayList<>();
        for (Container c : engine.listLabelled(Labels.MANAGED, "true")) {
            if (session.isEmpty() || session.get().equals(c.getLabels().get(Labels.SESSION))) {
                engine.remove(c.getId(), true);
                removed.add(c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""));
            }
        }
        return removed;
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
