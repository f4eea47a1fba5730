package io.unikernel.demo.guest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * A guest's serial console through {@code docker attach}: the runner gives QEMU's serial port
 * the container's stdio, so container output is the console and container input its keyboard.
 */
public final class ConsoleAttach {
    /** How an attach session ended. */
    public enum Ending { DETACHED, GUEST_EXITED }

    private final DockerClient client;

    public ConsoleAttach(DockerClient client) {
        this.client = client;
    }

    /** Streams the console (starting with what it printed so far) to out and keys to the guest, until Ctrl-P Ctrl-Q or the container ends. */
    public Ending attach(String containerId, InputStream keys, OutputStream out) throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        DetachKeys input = new DetachKeys(keys, done::countDown);
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    out.write(frame.getPayload());
                    out.flush();
                } catch (IOException e) {
                    done.countDown();
                }
            }

            @Override
            public void onComplete() {
                done.countDown();
            }

            @Override
            public void onError(Throwable throwable) {
                done.countDown();
            }
        };
        try (callback) {
            client.attachContainerCmd(containerId)
                    .withStdIn(input).withStdOut(true).withStdErr(true)
                    .withFollowStream(true).withLogs(true)
                    .exec(callback);
            done.await();
        }
        return input.detached() ? Ending.DETACHED : Ending.GUEST_EXITED;
    }
}
