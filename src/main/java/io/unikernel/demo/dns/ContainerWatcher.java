package io.unikernel.demo.dns;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerEvent;
import io.unikernel.demo.docker.ContainerEvents;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ReconnectPolicy;
import org.tinylog.Logger;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps a {@link NameTable} of the running containers: one listing at start, then the engine's
 * {@link ContainerEvents} (start, die, rename, destroy), never polling. All changes run in order on
 * one thread; each time the stream is live (at start, and again after dockerd restarted) the
 * containers are listed anew, and the stream replays the second before it, so nothing between the
 * two is lost. While Docker is away the names are kept (one warning when it is lost).
 */
public final class ContainerWatcher implements AutoCloseable {
    static final Set<String> ACTIONS = Set.of("start", "die", "rename", "destroy");
    /** 0.25 + 0.5 + 1 + 2 s of waits between them: longer than a dockerd restart takes here. */
    private static final int RELIST_TRIES = 5;

    private final ContainerEngine docker;
    private final Consumer<NameTable> onChange;
    private final Map<String, ContainerRecord> running = new LinkedHashMap<>();
    private final ExecutorService changes;
    private volatile ContainerEvents.Subscription subscription;
    private volatile boolean closed;

    private ContainerWatcher(ContainerEngine docker, Consumer<NameTable> onChange) {
        this.docker = docker;
        this.onChange = onChange;
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
    public static ContainerWatcher start(ContainerEngine docker, Consumer<NameTable> onChange, Duration timeout)
            throws IOException {
        Objects.requireNonNull(docker, "docker was not specified");
        Objects.requireNonNull(onChange, "onChange was not specified");
        ContainerWatcher watcher = new ContainerWatcher(docker, onChange);
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
        subscription = docker.events().subscribe(new ContainerEvents.Listener() {
            @Override
            public void live() {
                submit(ContainerWatcher.this::relistOnceBack);
            }

            @Override
            public void event(ContainerEvent event) {
                if (ACTIONS.contains(event.action())) {
                    submit(() -> apply(event));
                }
            }

            @Override
            public void ended(String how, boolean newOutage) {
                if (newOutage) {
                    Logger.warn("Docker's event stream {}; container names are kept, Docker is asked again from {} ms on",
                            how, ReconnectPolicy.DOCKER.delay(1).toMillis());
                }
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

    /**
     * The listing after the stream came back, tried again a few times on the engine's policy: its
     * first calls can meet connections dockerd closed when it stopped. Past that the stream is
     * probably lost again, and its next "live" lists anew.
     */
    private void relistOnceBack() {
        for (int attempt = 1; !closed; attempt++) {
            try {
                relist();
                return;
            } catch (RuntimeException e) {
                Logger.debug("Containers not listed again yet (try {}): {}", attempt, e.getMessage());
                if (attempt == RELIST_TRIES) {
                    return;
                }
            }
            try {
                Thread.sleep(ReconnectPolicy.DOCKER.delay(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void relist() {
        running.clear();
        for (String id : docker.runningIds()) {
            inspect(id).ifPresent(r -> running.put(r.id(), r));
        }
        publish();
    }

    private void apply(ContainerEvent event) {
        String id = event.id();
        switch (event.action()) {
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
                    Logger.debug("Container {} ({}) {}: forgetting its names", gone.name(), shortId(id), event.action());
                    publish();
                }
            }
            default -> {
            }
        }
    }

    /** The record of a running container with an IPv4 address; empty if it stopped or has none. */
    private Optional<ContainerRecord> inspect(String id) {
        Optional<ContainerInfo> info = docker.inspect(id).filter(ContainerInfo::running);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Optional<Inet4Address> address = info.get().ipAddress().flatMap(ContainerWatcher::ipv4);
        if (address.isEmpty()) {
            Logger.debug("Container {} ({}) has no IPv4 address: no name for it", info.get().name(), shortId(id));
            return Optional.empty();
        }
        return Optional.of(new ContainerRecord(id, info.get().name(), info.get().hostname(), address.get()));
    }

    private static Optional<Inet4Address> ipv4(String literal) {
        try {
            return InetAddress.getByName(literal) instanceof Inet4Address v4 ? Optional.of(v4) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void publish() {
        onChange.accept(NameTable.of(running.values()));
    }

    private static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }

    @Override
    public void close() {
        closed = true;
        ContainerEvents.Subscription s = subscription;
        if (s != null) {
            s.close();
        }
        changes.shutdownNow();
    }
}
