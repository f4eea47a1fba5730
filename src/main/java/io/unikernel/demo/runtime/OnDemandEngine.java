package io.unikernel.demo.runtime;

import io.unikernel.demo.docker.ContainerEngine;

/**
 * A Docker client made only when something asks for it: the runtime's create needs one only to
 * boot the KVM probe on a verdict cache miss, and making one costs a cold JVM its class loading.
 */
final class OnDemandEngine implements AutoCloseable {
    private final String host;
    private ContainerEngine engine;

    OnDemandEngine(String host) {
        this.host = host;
    }

    synchronized ContainerEngine get() {
        if (engine == null) {
            engine = ContainerEngine.connect(host);
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
        }
    }
}
