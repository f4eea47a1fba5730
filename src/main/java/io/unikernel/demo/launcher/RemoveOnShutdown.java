package io.unikernel.demo.launcher;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.Labels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While a launch is half done, Ctrl-C or SIGTERM would leave a container without a guest
 * network behind; this removes it from a shutdown hook. The hook is in place before the
 * create call, so a signal that lands while Docker is creating the container waits for the
 * call to return; if the id never reached us, the launch's own label finds the container.
 * Closing it (launch finished, either way) withdraws the hook.
 */
final class RemoveOnShutdown implements AutoCloseable {
    private static final long CREATE_WAIT_SECONDS = 10;

    private final ContainerEngine engine;
    private final String launchId;
    private final CountDownLatch createReturned = new CountDownLatch(1);
    private final Thread hook;
    private volatile String containerId;

    RemoveOnShutdown(ContainerEngine engine, String launchId) {
        this.engine = engine;
        this.launchId = launchId;
        this.hook = new Thread(this::removeHalfMadeContainer, "remove-launch-" + launchId);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The create call returned: with the new container's id, or null when it failed. */
    void createReturned(String id) {
        containerId = id;
        createReturned.countDown();
    }

    private void removeHalfMadeContainer() {
        try {
            createReturned.await(CREATE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String id = containerId;
        if (id != null) {
            engine.remove(id, true);
            return;
        }
        engine.listLabelled(Labels.LAUNCH, launchId).forEach(c -> engine.remove(c.id(), true));
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: it removes the container
        }
    }
}
