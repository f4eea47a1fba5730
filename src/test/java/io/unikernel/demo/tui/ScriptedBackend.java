package io.unikernel.demo.tui;

import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.guest.VmStatus;
import io.unikernel.demo.scene.PauseStep;
import io.unikernel.demo.scene.SceneStep;
import io.unikernel.demo.scene.Stage;
import io.unikernel.demo.scene.StepOutput;
import io.unikernel.demo.scene.StepResult;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A backend for the console's own tests: steps "pass" at once (a pause waits for the stage, as the
 * real runner's does), guests and their consoles are what the test puts there, attached keys are
 * kept. The real backend is exercised by the tmux end-to-end test.
 */
final class ScriptedBackend implements DemoBackend {
    final List<String> ranSteps = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream attachedKeys = new ByteArrayOutputStream();
    volatile boolean attachmentClosed;
    volatile boolean removed;
    volatile Optional<String> docker = Optional.empty();
    final Map<String, Instant> gone = new ConcurrentHashMap<>();
    private final Map<String, ConsoleBuffer> consoles = new HashMap<>();
    private volatile List<GuestStatus> guests = List.of();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    void guests(String... names) {
        List<GuestStatus> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new GuestStatus("id-" + name, name, "unikernel/" + name, "running", true, Optional.of("172.17.0.9"),
                    Optional.of("02:42:ac:11:00:09"), Optional.of("246:1"), Optional.of(new VmStatus("running", "tcg")),
                    Optional.of(Duration.ofSeconds(75)), Optional.of(1.5), Optional.of(140L << 20)));
        }
        guests = List.copyOf(rows);
        listeners.forEach(Runnable::run);
    }

    @Override
    public StepResult run(SceneStep step, StepOutput out, Stage stage) {
        ranSteps.add(step.step().describe());
        out.line("output of " + step.step().describe());
        if (step.step() instanceof PauseStep pause) {
            try {
                stage.awaitKey(pause.message());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new StepResult(StepResult.Outcome.FAILED, "interrupted", Duration.ZERO);
            }
        }
        return new StepResult(StepResult.Outcome.PASSED, "did " + step.step().describe(), Duration.ofMillis(1200));
    }

    @Override
    public List<GuestStatus> guests() {
        return guests;
    }

    @Override
    public synchronized ConsoleBuffer console(String container) {
        return consoles.computeIfAbsent(container, c -> new ConsoleBuffer());
    }

    @Override
    public Attachment attach(String container) {
        return new Attachment() {
            @Override
            public void send(byte[] keys) {
                synchronized (attachedKeys) {
                    attachedKeys.writeBytes(keys);
                }
            }

            @Override
            public boolean open() {
                return !attachmentClosed;
            }

            @Override
            public void close() {
                attachmentClosed = true;
            }
        };
    }

    byte[] keysSent() {
        synchronized (attachedKeys) {
            return attachedKeys.toByteArray();
        }
    }

    @Override
    public Optional<Instant> goneSince(String container) {
        return Optional.ofNullable(gone.get(container));
    }

    @Override
    public Optional<String> dockerState() {
        return docker;
    }

    /** Tells the console that what it shows changed. */
    void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public String dnsState() {
        return "DNS on 172.17.0.1:53";
    }

    @Override
    public List<String> removeContainers() {
        removed = true;
        return List.of();
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
    }
}
