package io.unikernel.demo.guest;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ContainerStats;
import io.unikernel.demo.host.ContainerRoot;
import io.unikernel.demo.launcher.HostPaths;
import io.unikernel.demo.launcher.Labels;
import io.unikernel.demo.launcher.ManagedContainer;
import io.unikernel.demo.launcher.ManagedContainers;
import org.tinylog.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the state of our containers and their guests for the state table: Docker's events make
 * a change show at once (a container killed elsewhere turns red within the second), and a slow
 * periodic pass fills in what has no event (uptime, CPU, memory, the VM's state over QMP).
 */
public final class GuestMonitor implements Closeable {
    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final ContainerEngine engine;
    private final HostPaths paths;
    private final Runnable changed;
    private final ScheduledExecutorService worker;
    private final Map<String, ContainerStats> lastStats = new HashMap<>();
    private final Map<String, Long> lastSampleNanos = new HashMap<>();
    private volatile List<GuestStatus> guests = List.of();
    private ResultCallback.Adapter<Event> events;

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

    public void start() {
        events = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event event) {
                worker.execute(GuestMonitor.this::refresh);
            }

            @Override
            public void onError(Throwable throwable) {
                Logger.debug(throwable, "Docker's event stream ended; the periodic refresh goes on");
            }
        };
        engine.client().eventsCmd().withLabelFilter(Map.of(Labels.MANAGED, "true"))
                .withEventTypeFilter("container").exec(events);
        worker.scheduleWithFixedDelay(this::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    public List<GuestStatus> guests() {
        return guests;
    }

    private void refresh() {
        try {
            Instant now = Instant.now();
            List<GuestStatus> rows = new ArrayList<>();
            for (ManagedContainer m : new ManagedContainers(engine, paths).list()) {
                rows.add(status(m, now));
            }
            rows.sort((a, b) -> a.name().compareTo(b.name()));
            guests = List.copyOf(rows);
            changed.run();
        } catch (RuntimeException e) {
            Logger.debug(e, "state table not refreshed");
        }
    }

    private GuestStatus status(ManagedContainer m, Instant now) {
        ContainerInfo c = m.container();
        Optional<VmStatus> vm = c.running() ? vmStatus(c) : Optional.empty();
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

    private Optional<VmStatus> vmStatus(ContainerInfo c) {
        Path socket = new ContainerRoot(paths.proc(), c.pid()).path().resolve(QmpClient.SOCKET);
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try (QmpClient qmp = QmpClient.connect(socket)) {
            return Optional.of(qmp.status());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        worker.shutdownNow();
        if (events != null) {
            events.close();
        }
    }
}
