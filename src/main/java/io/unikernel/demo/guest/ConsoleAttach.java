package io.unikernel.demo.guest;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ContainerOutput;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A guest's serial console through {@code docker attach}: the runner gives QEMU's serial port
 * the container's stdio, so container output is the console and container input its keyboard.
 */
public final class ConsoleAttach {
    /** How an attach session ended. */
    public enum Ending { DETACHED, GUEST_EXITED }

    private final ContainerEngine engine;

    public ConsoleAttach(ContainerEngine engine) {
        this.engine = engine;
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
        var listener = new ContainerOutput.Listener() {
            @Override
            public void output(byte[] bytes) {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    failure.compareAndSet(null, new IOException("cannot write the console's output: " + e.getMessage(), e));
                    done.countDown();
                }
            }

            @Override
            public void completed() {
                done.countDown();
            }

            @Override
            public void failed(Throwable cause) {
                failure.compareAndSet(null, cause);
                done.countDown();
            }
        };
        try (ContainerOutput attached = engine.attach(containerId, input, listener)) {
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
            Optional<ContainerInfo> info = engine.inspect(containerId);
            if (info.isEmpty()) {
                return "no such container";
            }
            if (!info.get().running()) {
                return "the container is not running (" + info.get().status() + ", exit status " + info.get().exitCode() + ")";
            }
        } catch (RuntimeException e) {
            // Docker cannot say either: the attach's own error is all there is
        }
        return problem.getMessage() == null ? problem.toString() : problem.getMessage().strip();
    }
}
