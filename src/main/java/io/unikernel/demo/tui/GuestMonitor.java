package io.unikernel.demo.tui;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerEvent;
import io.unikernel.demo.docker.ContainerEvents;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ContainerStats;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.guest.QmpClient;
import io.unikernel.demo.guest.VmStatus;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.docker.ManagedContainer;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.docker.RuntimeGuests;
import org.tinylog.Logger;

import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the state of our containers and their guests for the state table: Docker's events make
 * a change show at once (a container killed elsewhere turns red within the second), and a slow
 * periodic pass fills in what has no event (uptime, CPU, memory, the VM's state over QMP).
 * When Docker goes away (a restart of dockerd) it says since when and asks again every
 * {@link #RETRY}; the engine's event stream comes back on its own, and from then on so does the table.
 */
public final class GuestMonitor implements Closeable {
    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration RETRY = Duration.ofMillis(500);

    private final ContainerEngine engine;
    private final HostPaths paths;
    private final Runnable changed;
    private final ScheduledExecutorService worker;
    private final Map<String, ContainerStats> lastStats = new HashMap<>();
    private final Map<String, Long> lastSampleNanos = new HashMap<>();
    private final Map<String, Long> lastEvent = new HashMap<>();
    private volatile List<GuestStatus> guests = List.of();
    private volatile Optional<Instant> unreachableSince = Optional.empty();
    private ContainerEvents.Subscription events;
    private boolean eventsLive;

    public GuestMonitor(ContainerEngine engine, HostPaths paths, Runnable changed) {
        this.engine = engine;
        this.paths = paths;
        this.changed = changed;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "guest-monitor");
            t.setDaemon(true);
            return t;
        });
    }

    /** Subscribes before the first pass lists the containers, so no change falls between the two. */
    public void start() {
        ContainerEvents.Subscription subscription = engine.events().subscribe(new ContainerEvents.Listener() {
            @Override
            public void live() {
                synchronized (GuestMonitor.this) {
                    eventsLive = true;
                }
                // What changed while the stream was away, or between the first pass and this answer.
                soon(GuestMonitor.this::refresh);
            }

            @Override
            public void event(ContainerEvent event) {
                if (RuntimeGuests.mayBeOurs(event.labels())) {
                    stateChanged(event.id());
                }
            }

            @Override
            public void ended(String how, boolean newOutage) {
                synchronized (GuestMonitor.this) {
                    eventsLive = false;
                }
                // At once rather than at the next pass: the stream ends when Docker does.
                soon(GuestMonitor.this::refresh);
            }
        });
        synchronized (this) {
            events = subscription;
        }
        worker.execute(this::periodic);
    }

    private void periodic() {
        refresh();
        try {
            worker.schedule(this::periodic, (unreachableSince.isPresent() ? RETRY : REFRESH).toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // closed meanwhile: no more passes
        }
    }

    private void soon(Runnable work) {
        try {
            worker.execute(work);
        } catch (RejectedExecutionException closed) {
            // the monitor was closed (which also ends the event stream): nothing more to do
        }
    }

    /** Since when Docker has not answered, while it does not; then empty again. */
    public Optional<Instant> unreachableSince() {
        return unreachableSince;
    }

    public List<GuestStatus> guests() {
        return guests;
    }

    /**
     * An event's container, at once and alone: a full pass asks Docker and QEMU about every
     * guest and would show a kill a second or more late.
     */
    private void stateChanged(String id) {
        try {
            Optional<ContainerInfo> info = engine.inspect(id);
            synchronized (this) {
                lastEvent.put(id, System.nanoTime());
                List<GuestStatus> rows = new ArrayList<>();
                boolean known = false;
                for (GuestStatus row : guests) {
                    if (!row.id().equals(id)) {
                        rows.add(row);
                    } else if (info.isPresent()) {
                        known = info.get().running() == row.running();
                        rows.add(withState(row, info.get()));
                    }
                }
                guests = List.copyOf(rows);
                if (!known) {
                    // A new container, or one that started: its address, tap and VM come from a full pass.
                    soon(this::refresh);
                }
            }
            changed.run();
        } catch (RuntimeException e) {
            Logger.debug(e, "state of {} not refreshed", id);
        }
    }

    /** The row with Docker's new state; what only a running guest has goes when it stops. */
    private static GuestStatus withState(GuestStatus row, ContainerInfo c) {
        if (c.running()) {
            return new GuestStatus(row.id(), row.name(), row.image(), c.status(), true, row.address(), row.mac(), row.tap(),
                    row.vm(), row.uptime(), row.cpuPercent(), row.memoryBytes());
        }
        return new GuestStatus(row.id(), row.name(), row.image(), c.status(), false, row.address(), row.mac(), row.tap(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private void refresh() {
        try {
            long start = System.nanoTime();
            Instant now = Instant.now();
            List<GuestStatus> rows = new ArrayList<>();
            for (ManagedContainer m : new ManagedContainers(engine, paths).list()) {
                rows.add(status(m, now));
            }
            synchronized (this) {
                // A container an event updated while this pass ran keeps the event's newer state.
                for (int i = 0; i < rows.size(); i++) {
                    String id = rows.get(i).id();
                    Long event = lastEvent.get(id);
                    if (event != null && event - start > 0) {
                        int index = i;
                        guests.stream().filter(g -> g.id().equals(id)).findFirst().ifPresent(g -> rows.set(index, g));
                    }
                }
                rows.sort((a, b) -> a.name().compareTo(b.name()));
                guests = List.copyOf(rows);
                if (eventsLive) {
                    unreachableSince = Optional.empty();
                }
            }
            changed.run();
        } catch (DockerUnavailableException e) {
            Logger.debug(e, "Docker unreachable");
            if (unreachableSince.isEmpty()) {
                unreachableSince = Optional.of(Instant.now());
            }
            changed.run();
        } catch (RuntimeException e) {
            Logger.debug(e, "state table not refreshed");
        }
    }

    private GuestStatus status(ManagedContainer m, Instant now) {
        ContainerInfo c = m.container();
        Optional<VmStatus> vm = c.running()
                ? QmpClient.statusOf(paths.proc(), c.pid()) : Optional.empty();
        Optional<Duration> uptime = c.running() ? c.startedAt().map(s -> Duration.between(s, now)) : Optional.empty();
        Optional<ContainerStats> stats = c.running() ? engine.stats(c.id()) : Optional.empty();
        Optional<Double> cpu = stats.flatMap(s -> cpuPercent(c.id(), s));
        return new GuestStatus(c.id(), c.name(), c.image(), c.status(), c.running(), c.ipAddress(), m.mac(), m.tapDevice(),
                vm, uptime, cpu, stats.map(ContainerStats::memoryBytes));
    }

    /** Percent of one core since the previous sample of this container. */
    private Optional<Double> cpuPercent(String id, ContainerStats now) {
        long nanos = System.nanoTime();
        ContainerStats before = lastStats.put(id, now);
        Long beforeNanos = lastSampleNanos.put(id, nanos);
        if (before == null || beforeNanos == null || nanos == beforeNanos) {
            return Optional.empty();
        }
        return Optional.of(100.0 * (now.cpuNanos() - before.cpuNanos()) / (nanos - beforeNanos));
    }

    @Override
    public void close() {
        worker.shutdownNow();
        ContainerEvents.Subscription last;
        synchronized (this) {
            last = events;
            events = null;
        }
        if (last != null) {
            last.close();
        }
    }
}
