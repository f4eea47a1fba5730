package io.unikernel.demo.guest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import org.tinylog.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a guest's serial console (the container's output, as {@code docker logs -f} shows it)
 * and hands every chunk to a sink, from the last lines printed before it started.
 */
public final class GuestConsole implements Closeable {
    /** Receives console bytes as they come, on docker-java's thread. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] bytes, int offset, int length);
    }

    private final ResultCallback.Adapter<Frame> callback;
    private final AtomicBoolean ended;

    private GuestConsole(ResultCallback.Adapter<Frame> callback, AtomicBoolean ended) {
        this.callback = callback;
        this.ended = ended;
    }

    public static GuestConsole follow(DockerClient client, String containerId, int tailLines, Sink sink) {
        AtomicBoolean ended = new AtomicBoolean();
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                sink.accept(payload, 0, payload.length);
            }

            @Override
            public void onComplete() {
                ended.set(true);
                super.onComplete();
            }

            /** The container stopped or Docker went away: not worth docker-java's stack trace. */
            @Override
            public void onError(Throwable throwable) {
                Logger.debug(throwable, "console stream of {} ended", containerId);
                ended.set(true);
                try {
                    close();
                } catch (IOException e) {
                    Logger.debug(e, "closing the console stream of {}", containerId);
                }
            }
        };
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withTail(tailLines).exec(callback);
        return new GuestConsole(callback, ended);
    }

    /** True once the stream ended: the container stopped, or Docker went away. */
    public boolean ended() {
        return ended.get();
    }

    @Override
    public void close() throws IOException {
        callback.close();
    }
}
