package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;

/**
 * The test-side way to docker-java's client behind an engine, for set-up and checks that the
 * gateway has no words for (an image's removal, a container's devices, past events); it closes with the engine.
 */
public final class RawDocker {
    private RawDocker() {
    }

    public static DockerClient of(ContainerEngine engine) {
        return engine.client();
    }
}
