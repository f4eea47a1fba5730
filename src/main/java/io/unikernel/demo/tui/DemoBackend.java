package io.unikernel.demo.tui;

import io.unikernel.demo.guest.GuestStatus;
import io.unikernel.demo.scene.SceneStep;
import io.unikernel.demo.scene.Stage;
import io.unikernel.demo.scene.StepOutput;
import io.unikernel.demo.scene.StepResult;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the console shows or does beyond the screen: steps, guests, their consoles. The
 * real one ({@link LiveBackend}) talks to Docker and the guests; the console's own tests give it
 * a scripted one so that keys and layout can be checked on a virtual terminal.
 */
public interface DemoBackend extends AutoCloseable {
    StepResult run(SceneStep step, StepOutput out, Stage stage);

    /** Our containers as the state table shows them, newest knowledge first. */
    List<GuestStatus> guests();

    /** The console of a guest, followed from now on (the same buffer for the same container). */
    ConsoleBuffer console(String container);

    /** Opens a keyboard line to a guest's console. */
    Attachment attach(String container) throws IOException;

    /** When a guest's container is gone (removed), since when; its console pane keeps its last lines. */
    default Optional<Instant> goneSince(String container) {
        return Optional.empty();
    }

    /** Trouble with Docker for the state table, e.g. "Docker unreachable since 13:02:11: reconnecting". */
    default Optional<String> dockerState() {
        return Optional.empty();
    }

    /** One line for the status bar, e.g. "DNS on 172.17.0.1:53". */
    String dnsState();

    /** Removes the demo's containers; returns their names. */
    List<String> removeContainers();

    /** Tells the console that something it shows changed (guests, a console, DNS). */
    void onChange(Runnable listener);

    @Override
    void close();

    /** Keys going to a guest's console, as {@code docker attach} sends them. */
    interface Attachment extends AutoCloseable {
        void send(byte[] keys) throws IOException;

        /** False once the guest is gone or the attachment ended. */
        boolean open();

        /** Why it ended, once it is no longer open. */
        default String ending() {
            return "the guest's console ended";
        }

        @Override
        void close();
    }
}
