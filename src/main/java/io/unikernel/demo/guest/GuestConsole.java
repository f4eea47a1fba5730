package io.unikernel.demo.guest;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerOutput;
import org.tinylog.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a guest's serial console (the container's output, as {@code docker logs -f} shows it)
 * and hands every chunk to a sink, from the last lines printed before it started.
 */
public final class GuestConsole implements Closeable {
    /** Receives console bytes as they come, on the gateway's stream thread. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] bytes, int offset, int length);
    }

    private final ContainerOutput output;
    private final AtomicBoolean ended;

    private GuestConsole(ContainerOutput output, AtomicBoolean ended) {
        this.output = output;
        this.ended = ended;
    }

    public static GuestConsole follow(ContainerEngine engine, String containerId, int tailLines, Sink sink) {
        AtomicBoolean ended = new AtomicBoolean();
        ContainerOutput output = engine.followOutput(containerId, tailLines, new ContainerOutput.Listener() {
            @Override
            public void output(byte[] bytes) {
                sink.accept(bytes, 0, bytes.length);
            }

            @Override
            public void completed() {
                ended.set(true);
            }

            /** The container stopped or Docker went away: not worth a stack trace. */
            @Override
            public void failed(Throwable cause) {
                Logger.debug(cause, "console stream of {} ended", containerId);
                ended.set(true);
            }
        });
        return new GuestConsole(output, ended);
    }

    /** True once the stream ended: the container stopped, or Docker went away. */
    public boolean ended() {
        return ended.get();
    }

    @Override
    public void close() throws IOException {
        output.close();
    }
}
