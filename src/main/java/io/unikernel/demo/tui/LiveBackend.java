package io.unikernel.demo.tui;

import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.guest.ConsoleAttach;
import io.unikernel.demo.guest.GuestConsole;
import io.unikernel.demo.tui.GuestMonitor;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.scene.DemoSession;
import io.unikernel.demo.scene.SceneRunner;
import io.unikernel.demo.scene.SceneStep;
import io.unikernel.demo.scene.Stage;
import io.unikernel.demo.scene.StepOutput;
import io.unikernel.demo.scene.StepResult;
import org.tinylog.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** The console's backend on the real thing: Docker, the guests' consoles and QMP, the scene runner. */
public final class LiveBackend implements DemoBackend {
    private static final int CONSOLE_TAIL = 2000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** A stream that ended while its guest runs is opened again, but not more often than this. */
    private static final long REFOLLOW_NANOS = 1_000_000_000L;

    private record Followed(String containerId, ConsoleBuffer buffer, GuestConsole follower, long sinceNanos) {
    }

    private final DemoSession session;
    private final GuestMonitor monitor;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Followed> consoles = new HashMap<>();
    private final Map<String, Instant> gone = new HashMap<>();
    private final Map<Stage, SceneRunner> runners = new HashMap<>();
    private volatile String dnsState;

    public LiveBackend(DemoSession session) {
        this.session = session;
        this.dnsState = session.dnsState();
        this.monitor = new GuestMonitor(session.engine(), HostPaths.real(), this::guestsChanged);
        monitor.start();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /**
     * The DNS state is read here, with the guests, rather than for every frame: another
     * process's server is known only from its state file.
     */
    private void guestsChanged() {
        dnsState = session.dnsState();
        changed();
    }

    @Override
    public StepResult run(SceneStep step, StepOutput out, Stage stage) {
        SceneRunner runner;
        synchronized (runners) {
            runner = runners.computeIfAbsent(stage, s -> new SceneRunner(session, s));
        }
        StepResult result = runner.run(step, out);
        guestsChanged();
        return result;
    }

    @Override
    public List<GuestStatus> guests() {
        return monitor.guests();
    }

    /**
     * Follows the container the state table lists under the name; a container re-created under it,
     * or started again, gets a fresh buffer. Called for every frame on the console's thread, so it
     * asks Docker nothing itself: following is asynchronous, and a name the table does not list
     * yet shows an empty console until it does.
     */
    @Override
    public synchronized ConsoleBuffer console(String container) {
        Optional<GuestStatus> row = monitor.guests().stream().filter(g -> g.name().equals(container)).findFirst();
        Followed followed = consoles.get(container);
        if (row.isEmpty()) {
            if (followed == null) {
                return new ConsoleBuffer();
            }
            gone.putIfAbsent(container, Instant.now());
            return followed.buffer();
        }
        gone.remove(container);
        // Started again, or Docker came back while it ran: the old stream ended with Docker's connection.
        boolean restarted = followed != null && followed.follower().ended() && row.get().running()
                && monitor.unreachableSince().isEmpty() && System.nanoTime() - followed.sinceNanos() > REFOLLOW_NANOS;
        if (followed != null && followed.containerId().equals(row.get().id()) && !restarted) {
            return followed.buffer();
        }
        if (followed != null) {
            close(followed);
        }
        ConsoleBuffer buffer = new ConsoleBuffer();
        GuestConsole follower = GuestConsole.follow(session.engine(), row.get().id(), CONSOLE_TAIL, (bytes, off, len) -> {
            buffer.append(bytes, off, len);
            changed();
        });
        consoles.put(container, new Followed(row.get().id(), buffer, follower, System.nanoTime()));
        return buffer;
    }

    @Override
    public synchronized Optional<Instant> goneSince(String container) {
        return Optional.ofNullable(gone.get(container));
    }

    @Override
    public Optional<String> dockerState() {
        return monitor.unreachableSince().map(since -> "Docker unreachable since " + CLOCK.format(since) + ": reconnecting");
    }

    /**
     * Returns at once: asking Docker whether the guest runs (the state table may be a moment
     * behind) and attaching happen on the attachment's own thread, which says why it ended.
     */
    @Override
    public Attachment attach(String container) {
        KeyQueue keys = new KeyQueue();
        AtomicReference<String> ending = new AtomicReference<>("the guest's console ended");
        Thread thread = new Thread(() -> {
            try {
                Optional<ContainerInfo> info = session.engine().inspect(container);
                if (info.isEmpty()) {
                    ending.set("no container named " + container + ": nothing to attach to");
                } else if (!info.get().running()) {
                    ending.set(container + " is " + info.get().status() + ": nothing to attach to");
                } else {
                    new ConsoleAttach(session.engine()).attach(info.get().id(), keys, OutputStream.nullOutputStream());
                }
            } catch (IOException | RuntimeException e) {
                Logger.debug(e, "attach to {} ended", container);
                ending.set("the console of " + container + " closed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            changed();
        }, "attach-" + container);
        thread.setDaemon(true);
        thread.start();
        return new Attachment() {
            @Override
            public void send(byte[] bytes) {
                keys.add(bytes);
            }

            @Override
            public boolean open() {
                return thread.isAlive();
            }

            @Override
            public String ending() {
                return ending.get();
            }

            /** The keys end; the attach thread sends what is left (the detach keys) and ends by itself. */
            @Override
            public void close() {
                keys.end();
            }
        };
    }

    @Override
    public String dnsState() {
        return dnsState;
    }

    @Override
    public List<String> removeContainers() {
        List<String> removed = session.removeContainers();
        changed();
        return removed;
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void close() {
        consoles.values().forEach(LiveBackend::close);
        consoles.clear();
        monitor.close();
    }

    private static void close(Followed followed) {
        try {
            followed.follower().close();
        } catch (IOException e) {
            Logger.debug(e, "closing a console stream");
        }
    }
}
