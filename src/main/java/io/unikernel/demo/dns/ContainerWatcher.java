package io.unikernel.demo.dns;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import io.unikernel.demo.docker.BridgeNetwork;
import org.tinylog.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Keeps a {@link NameTable} of the running containers: one listing at start, then Docker's
 * event stream (start, die, rename, destroy), never polling. All changes run in order on one
 * thread; the listing is queued before the first event, and the stream starts one second
 * before the listing, so nothing between the two is lost. When the stream ends (dockerd
 * restarted or stopped) it lists and subscribes again, on the {@link ReconnectPolicy}; what
 * happens is logged (one warning when Docker is lost, one line when it is back), never thrown
 * at a thread that would print it over a console.
 */
public final class ContainerWatcher implements AutoCloseable {
    static final String[] ACTIONS = {"start", "die", "rename", "destroy"};
    private static final long STABLE_NANOS = 5_000_000_000L;

    private final DockerClient docker;
    private final Consumer<NameTable> onChange;
    private final ReconnectPolicy reconnect;
    private final Map<String, ContainerRecord> running = new LinkedHashMap<>();
    private final ExecutorService changes;
    private volatile Closeable subscription;
    // Reconnection state, touched only on the changes thread.
    private long lostAt;
    private long reconnectedAt;
    private int attempt;
    private volatile boolean closed;

    private ContainerWatcher(DockerClient docker, Consumer<NameTable> onChange, ReconnectPolicy reconnect) {
        this.docker = docker;
        this.onChange = onChange;
        this.reconnect = reconnect;
        this.changes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dns-container-events");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Lists the running containers, publishes the first table to ON_CHANGE and follows events.
     * Returns once the first table is published.
     */
    public static ContainerWatcher start(DockerClient docker, Consumer<NameTable> onChange, Duration timeout,
            ReconnectPolicy reconnect) throws IOException {
        Objects.requireNonNull(docker, "docker was not specified");
        Objects.requireNonNull(onChange, "onChange was not specified");
        Objects.requireNonNull(reconnect, "reconnect was not specified");
        ContainerWatcher watcher = new ContainerWatcher(docker, onChange, reconnect);
        try {
            var listed = watcher.changes.submit(() -> {
                watcher.relist();
                return null;
            });
            watcher.subscribe();
            listed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            watcher.close();
            Throwable cause = e.getCause();
            throw new IOException("Failed to list running containers: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            watcher.close();
            throw new IOException("Failed to list running containers: no answer from Docker within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            watcher.close();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while listing running containers", e);
        } catch (RuntimeException e) {
            watcher.close();
            throw new IOException("Failed to follow Docker events: " + e.getMessage(), e);
        }
        return watcher;
    }

    private void subscribe() {
        long since = System.currentTimeMillis() / 1000 - 1;
        subscription = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter(ACTIONS)
                .withSince(Long.toString(since))
                .exec(new ResultCallback.Adapter<Event>() {
                    private final AtomicBoolean ended = new AtomicBoolean();

                    @Override
                    public void onNext(Event event) {
                        submit(() -> apply(event));
                    }

                    @Override
                    public void onError(Throwable error) {
                        end("failed (" + error.getMessage() + ")");
                    }

                    @Override
                    public void onComplete() {
                        end("ended");
                    }

                    // docker-java may report one loss both ways; the first one counts.
                    private void end(String how) {
                        closeQuietly(this);
                        if (ended.compareAndSet(false, true)) {
                            submit(() -> streamEnded(how));
                        }
                    }
                });
    }

    /** On the changes thread, as is all the reconnection state. */
    private void streamEnded(String how) {
        long now = System.nanoTime();
        // A stream that ends right after a reconnection is the same outage: no second warning, longer waits.
        boolean sameOutage = reconnectedAt != 0 && now - reconnectedAt < STABLE_NANOS;
        if (!sameOutage) {
            lostAt = now;
            attempt = 0;
            Logger.warn("Docker's event stream {}; container names are kept, Docker is asked again from {} ms on",
                    how, reconnect.delay(1).toMillis());
        }
        attempt++;
        reconnectLater();
    }

    /** The next try at listing and subscribing again, after the policy's delay; another if it fails. */
    private void reconnectLater() {
        submit(() -> {
            try {
                Thread.sleep(reconnect.delay(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (closed) {
                return;
            }
            try {
                relist();
                subscribe();
                reconnectedAt = System.nanoTime();
                Logger.info("Following Docker's events again ({} ms after losing them, try {}); {} containers named",
                        (reconnectedAt - lostAt) / 1_000_000, attempt, running.size());
            } catch (RuntimeException e) {
                Logger.debug("Docker not back yet (try {}): {}", attempt, e.getMessage());
                attempt++;
                reconnectLater();
            }
        });
    }

    /** Runs CHANGE on the changes thread; a Docker failure in it is logged, not thrown at the thread. */
    private void submit(Runnable change) {
        if (closed) {
            return;
        }
        try {
            changes.execute(() -> {
                try {
                    change.run();
                } catch (RuntimeException e) {
                    // An event's inspect while dockerd goes away: the relist after reconnecting repairs it.
                    Logger.debug("Failed to follow a container change: {}", e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopping) {
            // close() is under way.
        }
    }

    private void relist() {
        running.clear();
        for (Container container : docker.listContainersCmd().exec()) {
            inspect(container.getId()).ifPresent(r -> running.put(r.id(), r));
        }
        publish();
    }

    private void apply(Event event) {
        String id = event.getId() != null ? event.getId() : event.getActor() == null ? null : event.getActor().getId();
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        if (id == null || action == null) {
            return;
        }
        switch (action) {
            case "start", "rename" -> {
                Optional<ContainerRecord> record = inspect(id);
                ContainerRecord before = record.isPresent() ? running.put(id, record.get()) : running.remove(id);
                if (!Objects.equals(before, record.orElse(null))) {
                    record.ifPresent(r -> Logger.debug("Container {} ({}) at {}: answering {}", r.name(),
                            shortId(id), r.address().getHostAddress(), NameTable.namesOf(r)));
                    publish();
                }
            }
            case "die", "destroy" -> {
                ContainerRecord gone = running.remove(id);
                if (gone != null) {
                    Logger.debug("Container {} ({}) {}: forgetting its names", gone.name(), shortId(id), action);
                    publish();
                }
            }
            default -> {
            }
        }
    }

    /** The record of a running container with an IPv4 address; empty if it stopped or has none. */
    private Optional<ContainerRecord> inspect(String id) {
        InspectContainerResponse info;
        try {
            info = docker.inspectContainerCmd(id).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        if (info.getState() == null || !Boolean.TRUE.equals(info.getState().getRunning())) {
            return Optional.empty();
        }
        Inet4Address address = bridgeAddress(info);
        if (address == null) {
            Logger.debug("Container {} ({}) has no IPv4 address: no name for it", info.getName(), shortId(id));
            return Optional.empty();
        }
        String hostname = info.getConfig() == null ? null : info.getConfig().getHostName();
        return Optional.of(new ContainerRecord(id, info.getName(), hostname, address));
    }

    // The address on the default bridge, else on any network the container joined.
    private static Inet4Address bridgeAddress(InspectContainerResponse info) {
        if (info.getNetworkSettings() == null || info.getNetworkSettings().getNetworks() == null) {
            return null;
        }
        Map<String, ContainerNetwork> networks = info.getNetworkSettings().getNetworks();
        Inet4Address bridge = ipv4(networks.get(BridgeNetwork.NAME));
        if (bridge != null) {
            return bridge;
        }
        return networks.values().stream().map(ContainerWatcher::ipv4).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Inet4Address ipv4(ContainerNetwork network) {
        if (network == null || network.getIpAddress() == null || network.getIpAddress().isEmpty()) {
            return null;
        }
        try {
            return InetAddress.getByName(network.getIpAddress()) instanceof Inet4Address v4 ? v4 : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void publish() {
        onChange.accept(NameTable.of(running.values()));
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    private static void closeQuietly(Closeable stream) {
        try {
            stream.close();
        } catch (IOException e) {
            Logger.debug("Failed to close the Docker event stream: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        Closeable s = subscription;
        if (s != null) {
            closeQuietly(s);
        }
        changes.shutdownNow();
    }
}
