package io.unikernel.demo.guest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.Closeable;
import java.io.IOException;

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

    private GuestConsole(ResultCallback.Adapter<Frame> callback) {
        this.callback = callback;
    }

    public static GuestConsole follow(DockerClient client, String containerId, int tailLines, Sink sink) {
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                byte[] payload = frame.getPayload();
                sink.accept(payload, 0, payload.length);
            }
        };
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withTail(tailLines).exec(callback);
        return new GuestConsole(callback);
    }

    @Override
    public void close() throws IOException {
        callback.close();
    }
}
