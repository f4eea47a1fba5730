package io.unikernel.demo.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Our gateway to the Docker engine: the few container operations the tool needs, in our words.
 * Transport failures become {@link DockerUnavailableException} naming the daemon address, and Docker's
 * refusals {@link DockerRefusedException}. Over 300 lines because it is the one door: one short method
 * per operation, the work behind them in the classes beside it (EngineApi, ContainerOutput, BridgeNetwork,
 * ContainerEvents).
 * <p>
 * Two call styles, on the same connections. What a launch needs (create, start, wait, inspect, stop,
 * remove, stats, an image's id, the running ids) is plain REST with JSON through {@link EngineApi}: a
 * fresh JVM's first create+start then loads none of docker-java's command and model classes, which
 * bench/LaunchBenchmark measures ("first create+start in a fresh JVM"). The rest (events, builds, logs,
 * attach, networks, listings by label, info) goes through docker-java's commands, whose client is made
 * on first use.
 */
public final class ContainerEngine implements Closeable {
    private final DockerHttpClient http;
    private final EngineApi api;
    private final String host;
    private DockerClient client;
    private ContainerEvents events;

    private ContainerEngine(DockerHttpClient http, String host) {
        this.http = http;
        this.api = new EngineApi(http);
        this.host = host;
    }

    public static ContainerEngine connect() {
        return connect(DockerClients.host());
    }

    /** An engine for the daemon at host ({@code unix:///var/run/docker.sock}, {@code tcp://...}). */
    public static ContainerEngine connect(String host) {
        return new ContainerEngine(DockerClients.http(host), host);
    }

    /** docker-java's full client over the same connections; made on first use, as a launch needs none of it. */
    synchronized DockerClient client() {
        if (client == null) {
            client = DockerClients.connect(host, http);
        }
        return client;
    }

    public String host() {
        return host;
    }

    /** Docker's container events, one stream for every listener of this engine. */
    public synchronized ContainerEvents events() {
        if (events == null) {
            events = new ContainerEvents(this::client, ReconnectPolicy.DOCKER);
        }
        return events;
    }

    /** Image builds and image labels through this engine's daemon. */
    public ImageBuilds imageBuilds() {
        return new ImageBuilds(client());
    }

    /** The ids of the running containers. Equivalent to: {@code docker ps -q --no-trunc}. */
    public List<String> runningIds() {
        return call(() -> {
            List<String> ids = new ArrayList<>();
            api.get("/containers/json").forEach(c -> ids.add(c.path("Id").asText()));
            return ids;
        });
    }

    /**
     * Creates the container and returns its id. A missing image is reported by this call's 404
     * rather than by asking first: one round trip less on every launch.
     */
    public String create(ContainerSpec spec) throws ImageNotFoundException {
        try {
            return createContainer(spec);
        } catch (DockerRefusedException e) {
            if (e.httpStatus() == 404 && e.getMessage() != null && e.getMessage().contains("No such image")) {
                throw new ImageNotFoundException(spec.image(), e);
            }
            throw e;
        }
    }

    private String createContainer(ContainerSpec spec) {
        ObjectNode body = EngineApi.json().createObjectNode();
        body.put("Image", spec.image());
        spec.hostname().ifPresent(h -> body.put("Hostname", h));
        strings(body.putArray("Env"), spec.env());
        if (!spec.command().isEmpty()) {
            strings(body.putArray("Cmd"), spec.command());
        }
        ObjectNode labels = body.putObject("Labels");
        spec.labels().forEach(labels::put);
        // Open stdin without a TTY: the guest's serial console takes keys, and logs stay plain.
        body.put("OpenStdin", true).put("AttachStdin", false).put("Tty", false);

        ObjectNode hostConfig = body.putObject("HostConfig");
        hostConfig.put("PublishAllPorts", spec.publishAll()).put("AutoRemove", spec.autoRemove());
        strings(hostConfig.putArray("DeviceCgroupRules"), spec.deviceCgroupRules());
        ArrayNode devices = hostConfig.putArray("Devices");
        spec.devices().forEach(d -> devices.addObject()
                .put("PathOnHost", d).put("PathInContainer", d).put("CgroupPermissions", "rwm"));
        strings(hostConfig.putArray("Binds"), spec.volumes());
        spec.memoryBytes().ifPresent(m -> hostConfig.put("Memory", m));
        spec.network().ifPresent(n -> hostConfig.put("NetworkMode", n));
        if (!spec.publish().isEmpty()) {
            ObjectNode exposed = body.putObject("ExposedPorts");
            ObjectNode bindings = hostConfig.putObject("PortBindings");
            for (String publish : spec.publish()) {
                PortBinding binding = parsePort(publish);
                String port = binding.getExposedPort().toString();
                exposed.putObject(port);
                ArrayNode forPort = bindings.has(port) ? (ArrayNode) bindings.get(port) : bindings.putArray(port);
                forPort.addObject()
                        .put("HostIp", nullToEmpty(binding.getBinding().getHostIp()))
                        .put("HostPort", nullToEmpty(binding.getBinding().getHostPortSpec()));
            }
        }
        String query = spec.name().map(n -> "?name=" + URLEncoder.encode(n, StandardCharsets.UTF_8)).orElse("");
        return call(() -> api.post("/containers/create" + query, body).path("Id").asText());
    }

    public void start(String id) {
        call(() -> api.post("/containers/" + id + "/start"));
    }

    /**
     * Registers with Docker's wait API for the container's next exit (with untilRemoved: for its
     * removal after that exit, as --rm needs) and returns once Docker holds the wait: an exit
     * right after this call is not missed, and the status survives the container's removal.
     */
    public ContainerExit watchExit(String id, boolean untilRemoved) {
        String condition = untilRemoved ? "removed" : "next-exit";
        return call(() -> new ContainerExit(id, api.open("/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                + "/wait?condition=" + condition)));
    }

    /** The container, or empty when Docker has no container of that id or name. */
    public Optional<ContainerInfo> inspect(String idOrName) {
        return call(() -> {
            try {
                return Optional.of(toInfo(api.get("/containers/" + URLEncoder.encode(idOrName, StandardCharsets.UTF_8) + "/json")));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** The image's id ({@code sha256:...}), or empty when Docker has no image of that name. */
    public Optional<String> imageId(String image) {
        return call(() -> {
            try {
                return Optional.of(api.get("/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json")
                        .path("Id").asText());
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * Stops the container as {@code docker stop} does (SIGTERM to its first process, which for our
     * images asks the guest to power off; SIGKILL after the timeout) and returns once it stopped.
     * A container already stopped or gone is not an error.
     */
    public void stop(String idOrName, Duration timeout) {
        call(() -> {
            try {
                api.post("/containers/" + URLEncoder.encode(idOrName, StandardCharsets.UTF_8) + "/stop?t=" + timeout.toSeconds());
            } catch (NotFoundException e) {
                // already gone: nothing left to stop
            }
            return null;
        });
    }

    /** Removes the container and its anonymous volumes; a container already gone is not an error. */
    public void remove(String idOrName, boolean force) {
        call(() -> {
            try {
                api.delete("/containers/" + URLEncoder.encode(idOrName, StandardCharsets.UTF_8) + "?v=true&force=" + force);
            } catch (NotFoundException e) {
                // already gone: what the caller wanted
            }
            return null;
        });
    }

    /** One sample of the container's CPU time and memory use, or empty when it is not running. */
    public Optional<ContainerStats> stats(String id) {
        return call(() -> {
            try {
                JsonNode s = api.get("/containers/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                        + "/stats?stream=false&one-shot=true");
                JsonNode cpu = s.path("cpu_stats").path("cpu_usage").path("total_usage");
                JsonNode memory = s.path("memory_stats").path("usage");
                if (cpu.isMissingNode() || memory.isMissingNode()) {
                    return Optional.empty();
                }
                return Optional.of(new ContainerStats(cpu.asLong(), memory.asLong()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    /** The daemon's version, root directory and runtimes. Equivalent to: {@code docker info}. */
    public DaemonInfo daemonInfo() {
        return call(() -> {
            Info info = client().infoCmd().exec();
            Map<String, String> runtimes = new LinkedHashMap<>();
            if (info.getRuntimes() != null) {
                info.getRuntimes().forEach((name, runtime) -> {
                    if (runtime.getPath() != null) {
                        runtimes.put(name, runtime.getPath());
                    }
                });
            }
            return new DaemonInfo(nullToEmpty(info.getServerVersion()), nullToEmpty(info.getDockerRootDir()), runtimes);
        });
    }

    /** The default bridge's gateway address, where the DNS server listens (see {@link BridgeNetwork#gateway}). */
    public Inet4Address bridgeGateway() {
        return call(() -> BridgeNetwork.gateway(client()));
    }

    /** The IPv4 subnets of the default bridge (see {@link BridgeNetwork#subnets}). */
    public List<Ipv4Subnet> bridgeSubnets() {
        return call(() -> BridgeNetwork.subnets(client()));
    }

    /** The IPv4 subnets of every bridge network (see {@link BridgeNetwork#allBridgeSubnets}). */
    public List<Ipv4Subnet> allBridgeSubnets() {
        return call(() -> BridgeNetwork.allBridgeSubnets(client()));
    }

    /** Every container (running or not) carrying the label with the value. */
    public List<ListedContainer> listLabelled(String label, String value) {
        return listed(call(() -> client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(label, value)).exec()));
    }

    /** Follows the container's output from its last tailLines lines, as {@code docker logs -f --tail N}. */
    public ContainerOutput followOutput(String id, int tailLines, ContainerOutput.Listener listener) {
        return ContainerOutput.follow(client(), id, tailLines, listener);
    }

    /** Attaches to the container as {@code docker attach}: its output so far and on, stdin to its input. */
    public ContainerOutput attach(String id, InputStream stdin, ContainerOutput.Listener listener) {
        return ContainerOutput.attach(client(), id, stdin, listener);
    }

    /** Every container (running or not) carrying the label, whatever its value; its image's labels count. */
    public List<ListedContainer> listWithLabel(String label) {
        return listed(call(() -> client().listContainersCmd().withShowAll(true).withLabelFilter(List.of(label)).exec()));
    }

    private static List<ListedContainer> listed(List<Container> containers) {
        return containers.stream().map(c -> new ListedContainer(c.getId(),
                c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", ""),
                c.getState(), c.getLabels() == null ? Map.of() : Map.copyOf(c.getLabels()))).toList();
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
            client().logContainerCmd(id).withStdOut(true).withStdErr(true).withTail(lines).exec(callback)
                    .awaitCompletion(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.add("(could not read the container's log: " + e.getMessage() + ")");
        }
        return out.size() > lines ? out.subList(out.size() - lines, out.size()) : out;
    }

    @Override
    public void close() {
        ContainerEvents stream;
        synchronized (this) {
            stream = events;
        }
        // Outside this lock: the stream may be opening, which asks for the client under it.
        if (stream != null) {
            stream.close();
        }
        closeTransport();
    }

    private synchronized void closeTransport() {
        try {
            // docker-java's client owns the shared transport once it exists, and closes it.
            if (client != null) {
                client.close();
            } else {
                http.close();
            }
        } catch (Exception e) {
            // closing a client whose daemon went away has nothing left to release
        }
    }

    private <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DockerException e) {
            // the daemon's own refusal, in our words: callers need its message and status, not docker-java
            throw new DockerRefusedException(e.getMessage(), e.getHttpStatus(), e);
        } catch (RuntimeException e) {
            if (isTransportFailure(e)) {
                throw new DockerUnavailableException(host, e);
            }
            throw e;
        }
    }

    private static boolean isTransportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static ContainerInfo toInfo(JsonNode r) {
        JsonNode state = r.path("State");
        JsonNode config = r.path("Config");
        // The address on the default bridge, else on any network the container joined.
        JsonNode networks = r.path("NetworkSettings").path("Networks");
        Optional<String> ip = Optional.of(networks.path(BridgeNetwork.NAME).path("IPAddress").asText(""))
                .filter(a -> !a.isEmpty());
        for (JsonNode network : networks) {
            String address = network.path("IPAddress").asText("");
            if (ip.isEmpty() && !address.isEmpty()) {
                ip = Optional.of(address);
            }
        }
        Optional<Instant> started = Optional.of(state.path("StartedAt").asText(""))
                .filter(s -> !s.isEmpty() && !s.startsWith("0001-"))
                .map(Instant::parse);
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return new ContainerInfo(r.path("Id").asText(), r.path("Name").asText("").replaceFirst("^/", ""),
                config.path("Image").asText(""), config.path("Hostname").asText(""), state.path("Status").asText(""),
                state.path("Running").asBoolean(), state.path("Pid").asInt(), state.path("ExitCode").asInt(), ip, started,
                Map.copyOf(labels), r.path("HostConfig").path("Runtime").asText(""));
    }

    private static PortBinding parsePort(String publish) {
        try {
            return PortBinding.parse(publish);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid port mapping \"" + publish
                    + "\": use [IP:][HOST-PORT:]CONTAINER-PORT[/PROTOCOL], e.g. 8080:80", e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
