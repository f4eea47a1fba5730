package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import org.tinylog.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * A container's output followed as it comes (its stdout and stderr: for our images the guest's serial console), through
 * {@code docker logs -f} or {@code docker attach}; {@code close()} stops following.
 */
public final class ContainerOutput implements Closeable {
    /** Told of the output and of the stream's end, on docker-java's thread. */
    public interface Listener {
        void output(byte[] bytes);

        /** The stream ended: the container stopped. */
        void completed();

        /** The stream broke off or Docker refused it; the stream is closed. */
        void failed(Throwable cause);
    }

    private final ResultCallback.Adapter<Frame> callback;

    private ContainerOutput(ResultCallback.Adapter<Frame> callback) {
        this.callback = callback;
    }

    /** {@code docker logs -f --tail N}: from the last tailLines lines on. */
    static ContainerOutput follow(DockerClient client, String id, int tailLines, Listener listener) {
        ResultCallback.Adapter<Frame> callback = callback(id, listener);
        client.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .withTail(tailLines).exec(callback);
        return new ContainerOutput(callback);
    }

    /**
     * {@code docker attach} with what the container printed so far, stdin sending keys; an attach Docker refuses at once
     * is reported to {@link Listener#failed} as one that breaks off later is.
     */
    static ContainerOutput attach(DockerClient client, String id, InputStream stdin, Listener listener) {
        ResultCallback.Adapter<Frame> callback = callback(id, listener);
        try {
            client.attachContainerCmd(id).withStdIn(stdin).withStdOut(true).withStdErr(true)
                    .withFollowStream(true).withLogs(true).exec(callback);
        } catch (RuntimeException e) {
            listener.failed(e);
        }
        return new ContainerOutput(callback);
    }

    private static ResultCallback.Adapter<Frame> callback(String id, Listener listener) {
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                listener.output(frame.getPayload());
            }

            @Override
            public void onComplete() {
                listener.completed();
                super.onComplete();
            }

            /** The container stopped or Docker went away: the listener says so, not docker-java's stack trace. */
            @Override
            public void onError(Throwable throwable) {
                listener.failed(throwable);
                try {
                    close();
                } catch (IOException e) {
                    Logger.debug(e, "closing the output stream of {}", id);
                }
            }
        };
    }

    @Override
    public void close() throws IOException {
        callback.close();
    }
}
