package io.unikernel.demo.preflight;

import io.unikernel.demo.docker.DaemonInfo;

import java.util.function.Supplier;

/** Every guest is a Docker container. */
final class DockerCheck implements HostCheck {
    static final String START_DOCKER = "sudo dockerd & (or: sudo systemctl start docker)";

    private final Supplier<DaemonInfo> docker;
    private final String host;

    DockerCheck(Supplier<DaemonInfo> docker, String host) {
        this.docker = docker;
        this.host = host;
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Check run() {
        try {
            return Check.ok(name(), "Docker " + docker.get().serverVersion() + " answers at " + host);
        } catch (RuntimeException e) {
            return Check.fail(name(), "cannot reach the Docker daemon at " + host + " (" + Preflight.rootMessage(e) + ")",
                    START_DOCKER);
        }
    }
}
