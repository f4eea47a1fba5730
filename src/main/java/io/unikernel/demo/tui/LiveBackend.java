package io.unikernel.demo.tui;

import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.guest.ConsoleAttach;
import io.unikernel.demo.guest.GuestConsole;
import io.unikernel.demo.guest.GuestMonitor;
import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.launcher.HostPaths;
import io.unikernel.demo.scene.DemoSession;
import io.unikernel.demo.scene.SceneRunner;
import io.unikernel.demo.scene.SceneStep;
import io.unikernel.demo.scene.Stage;
import io.unikernel.demo.scene.StepOutput;
import io.unikernel.demo.scene.StepResult;
import org.tinylog.Logger;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The console's backend on the real thing: Docker, the guests' consoles and QMP, the scene runner. */
public final class LiveBackend implements DemoBackend {
    private static final int CONSOLE_TAIL = 2000;

    private record Followed(String containerId, ConsoleBuffer buffer, GuestConsole follower) {
    }

    private final DemoSession session;
    private final GuestMonitor monitor;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Followed> consoles = new HashMap<>();
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
     * Follows the container now bearing the name; a container re-created under it gets a fresh
     * buffer. Called for every frame, so Docker is asked only about a name never followed before.
     */
    @Override
    public synchronized ConsoleBuffer console(String container) {
        Optional<String> id = monitor.guests().stream().filter(g -> g.name().equals(container)).map(GuestStatus::id)
                .findFirst();
        Followed followed = consoles.get(container);
        if (followed != null && (id.isEmpty() || followed.containerId().equals(id.get()))) {
            return followed.buffer();
        }
        if (id.isEmpty()) {
            id = session.engine().inspect(container).map(ContainerInfo::id);
        }
        if (followed != null) {
            close(followed);
        }
        ConsoleBuffer buffer = new ConsoleBuffer();
        if (id.isEmpty()) {
            return buffer;
        }
        GuestConsole follower = GuestConsole.follow(session.engine().client(), id.get(), CONSOLE_TAIL, (bytes, off, len) -> {
            buffer.append(bytes, off, len);
            changed();
        });
        consoles.put(container, new Followed(id.get(), buffer, follower));
        return buffer;
    }

    @Override
    public Attachment attach(String container) throws IOException {
        ContainerInfo info = session.engine().inspect(container)
                .orElseThrow(() -> new IOException("no container named " + container + ": nothing to attach to"));
        if (!info.running()) {
            throw new IOException(container + " is " + info.status() + ": nothing to attach to");
        }
        String id = info.id();
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream guestSide = new PipedInputStream(keys, 4096);
        Thread thread = new Thread(() -> {
            try {
                new ConsoleAttach(session.engine().client()).attach(id, guestSide, OutputStream.nullOutputStream());
            } catch (IOException e) {
                Logger.debug(e, "attach to {} ended", container);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            changed();
        }, "attach-" + container);
        thread.setDaemon(true);
        thread.start();
        return new Attachment() {
            @Override
            public void send(byte[] bytes) throws IOException {
                keys.write(bytes);
                keys.flush();
            }

            @Override
            public boolean open() {
                return thread.isAlive();
            }

            @Override
            public void close() {
                try {
                    keys.close();
                    thread.join(2000);
                } catch (IOException e) {
                    Logger.debug(e, "closing the keys to {}", container);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
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
        try {
            monitor.close();
        } catch (IOException e) {
            Logger.debug(e, "closing the guest monitor");
        }
    }

    private static void close(Followed followed) {
        try {
            followed.follower().close();
        } catch (IOException e) {
            Logger.debug(e, "closing a console stream");
        }
    }
}
