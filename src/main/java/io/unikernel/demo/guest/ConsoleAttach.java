package io.unikernel.demo.guest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

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

    /**
     * Streams the console (starting with what it printed so far) to out and keys to the guest, until
     * Ctrl-P Ctrl-Q or the container ends. An attach Docker refuses or breaks off, or output that
     * cannot be written, is an IOException saying so.
     */
    public Ending attach(String containerId, InputStream keys, OutputStream out) throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        DetachKeys input = new DetachKeys(keys, done::countDown);
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    out.write(frame.getPayload());
                    out.flush();
                } catch (IOException e) {
                    failure.compareAndSet(null, new IOException("cannot write the console's output: " + e.getMessage(), e));
                    done.countDown();
                }
            }

            @Override
            public void onComplete() {
                done.countDown();
            }

            @Override
            public void onError(Throwable throwable) {
                failure.compareAndSet(null, throwable);
                done.countDown();
            }
        };
        try (callback) {
            try {
                client.attachContainerCmd(containerId)
                        .withStdIn(input).withStdOut(true).withStdErr(true)
                        .withFollowStream(true).withLogs(true)
                        .exec(callback);
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                done.countDown();
            }
            done.await();
        }
        if (input.detached()) {
            return Ending.DETACHED;
        }
        Throwable problem = failure.get();
        if (problem != null) {
            throw new IOException("docker attach " + containerId + " failed: " + why(containerId, problem), problem);
        }
        return Ending.GUEST_EXITED;
    }

    /** The upgraded attach connection loses Docker's own message ("Expected 101, got 404"): ask Docker instead. */
    private String why(String containerId, Throwable problem) {
        try {
            InspectContainerResponse.ContainerState state = client.inspectContainerCmd(containerId).exec().getState();
            if (!Boolean.TRUE.equals(state.getRunning())) {
                return "the container is not running (" + state.getStatus() + ", exit status " + state.getExitCodeLong() + ")";
            }
        } catch (NotFoundException e) {
            return "no such container";
        } catch (RuntimeException e) {
            // Docker cannot say either: the attach's own error is all there is
        }
        return problem.getMessage() == null ? problem.toString() : problem.getMessage().strip();
    }
}
