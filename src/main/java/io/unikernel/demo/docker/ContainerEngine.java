package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.async.ResultCallback;

import java.io.Closeable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Our gateway to the Docker engine: the few container operations the tool needs, in our words.
 * Transport failures become {@link DockerUnavailableException} naming the daemon address.
 */
public final class ContainerEngine implements Closeable {
    private final DockerClient client;
    private final String host;

    public ContainerEngine(DockerClient client, String host) {
        this.client = client;
        this.host = host;
    }

    public static ContainerEngine connect() {
        return new ContainerEngine(DockerClients.connect(), DockerClients.host());
    }

    public DockerClient client() {
        return client;
    }

    public String host() {
        return host;
    }

    public void ping() {
        call(() -> client.pingCmd().exec());
    }

    public boolean imageExists(String image) {
        return call(() -> {
            try {
                client.inspectImageCmd(image).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
    }

    /** Creates the container and returns its id. */
    public String create(ContainerSpec spec) {
        return call(() -> {
            HostConfig hostConfig = HostConfig.newHostConfig()
                    .withPublishAllPorts(spec.publishAll())
                    .withAutoRemove(spec.autoRemove())
                    .withDeviceCgroupRules(spec.deviceCgroupRules())
                    .withDevices(spec.devices().stream().map(d -> new Device("rwm", d, d)).toList())
                    .withBinds(spec.volumes().stream().map(Bind::parse).toList());
            List<ExposedPort> exposed = new ArrayList<>();
            if (!spec.publish().isEmpty()) {
                List<PortBinding> bindings = spec.publish().stream().map(PortBinding::parse).toList();
                bindings.forEach(b -> exposed.add(b.getExposedPort()));
                hostConfig.withPortBindings(bindings);
            }
            spec.memoryBytes().ifPresent(hostConfig::withMemory);
            spec.network().ifPresent(hostConfig::withNetworkMode);
            CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                    .withHostConfig(hostConfig)
                    .withLabels(spec.labels())
                    .withEnv(spec.env())
                    .withStdinOpen(true)
                    .withAttachStdin(false)
                    .withTty(false);
            if (!exposed.isEmpty()) {
                cmd.withExposedPorts(exposed);
            }
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            spec.name().ifPresent(cmd::withName);
            spec.hostname().ifPresent(cmd::withHostName);
            return cmd.exec().getId();
        });
    }

    public void start(String id) {
        call(() -> client.startContainerCmd(id).exec());
    }

    /** The container, or empty when Docker has no container of that id or name. */
    public Optional<ContainerInfo> inspect(String idOrName) {
        return call(() -> {
            try {
                return Optional.of(toInfo(client.inspectContainerCmd(idOrName).exec()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** Removes the container and its anonymous volumes; a container already gone is not an error. */
    public void remove(String idOrName, boolean force) {
        call(() -> {
            try {
                client.removeContainerCmd(idOrName).withForce(force).withRemoveVolumes(true).exec();
            } catch (NotFoundException e) {
                // already gone: what the caller wanted
            }
            return null;
        });
    }

    /** Every container (running or not) carrying the label with the value. */
    public List<Container> listLabelled(String label, String value) {
        return call(() -> client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(label, value)).exec());
    }

    /** The last lines the container wrote on stdout and stderr, for error messages. */
    public List<String> logTail(String id, int lines) {
        List<String> out = new ArrayList<>();
        try (var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                for (String line : new String(frame.getPayload()).split("\r?\n")) {
                    out.add(line);
                }
            }
        }) {
            client.logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines).exec(callback)
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.add("(could not read the container's log: " + e.getMessage() + ")");
        }
        return out.size() > lines ? out.subList(out.size() - lines, out.size()) : out;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            // closing a client whose daemon went away has nothing left to release
        }
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DockerException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isTransportFailure(e)) {
                throw new DockerUnavailableException(host, e);
            }
            throw e;
        }
    }

    private void call(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    private static boolean isTransportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static ContainerInfo toInfo(InspectContainerResponse r) {
        var state = r.getState();
        Optional<String> ip = Optional.empty();
        if (r.getNetworkSettings() != null && r.getNetworkSettings().getNetworks() != null) {
            ip = r.getNetworkSettings().getNetworks().values().stream()
                    .map(ContainerNetwork::getIpAddress)
                    .filter(a -> a != null && !a.isEmpty())
                    .findFirst();
        }
        Optional<Instant> started = Optional.ofNullable(state.getStartedAt())
                .filter(s -> !s.startsWith("0001-"))
                .map(Instant::parse);
        String name = r.getName() == null ? "" : r.getName().replaceFirst("^/", "");
        Long pid = state.getPidLong();
        Long exit = state.getExitCodeLong();
        return new ContainerInfo(r.getId(), name, r.getConfig().getImage(), r.getConfig().getHostName(),
                state.getStatus(), Boolean.TRUE.equals(state.getRunning()),
                pid == null ? 0 : pid.intValue(), exit == null ? 0 : exit.intValue(), ip, started,
                r.getConfig().getLabels() == null ? Map.of() : r.getConfig().getLabels());
    }
}
