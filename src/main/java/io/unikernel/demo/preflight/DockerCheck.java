package io.unikernel.demo.preflight;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;

import java.util.function.Supplier;

/** Every guest is a Docker container. */
final class DockerCheck implements HostCheck {
    static final String START_DOCKER = "sudo dockerd & (or: sudo systemctl start docker)";

    private final Supplier<DockerClient> docker;
    private final String host;

    DockerCheck(Supplier<DockerClient> docker, String host) {
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
            Info info = docker.get().infoCmd().exec();
            return Check.ok(name(), "Docker " + info.getServerVersion() + " answers at " + host);
        } catch (RuntimeException e) {
            return Check.fail(name(), "cannot reach the Docker daemon at " + host + " (" + Preflight.rootMessage(e) + ")",
                    START_DOCKER);
        }
    }
}
