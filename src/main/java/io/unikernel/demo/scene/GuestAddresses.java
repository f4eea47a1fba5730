package io.unikernel.demo.scene;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.Labels;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Turns the host names in scene steps into addresses: a container's name is its guest's address
 * (the guest took over the container's IP), anything else goes to the host's resolver. Asking
 * Docker rather than DNS keeps a scene working before the DNS scene and on hosts whose resolver
 * caches a miss.
 */
final class GuestAddresses {
    private final ContainerEngine engine;

    GuestAddresses(ContainerEngine engine) {
        this.engine = engine;
    }

    InetAddress resolve(String host) throws StepFailure {
        Optional<ContainerInfo> container = container(host);
        if (container.isPresent()) {
            ContainerInfo c = container.get();
            if (!c.running()) {
                throw new StepFailure(host + " is not running (" + c.status() + ", exit status " + c.exitCode()
                        + "): see its console, or 'docker logs " + host + "'");
            }
            String ip = c.ipAddress().orElseThrow(() -> new StepFailure(host + " has no IP address on a Docker network"));
            try {
                return InetAddress.getByName(ip);
            } catch (UnknownHostException e) {
                throw new StepFailure(host + " has an unusable address " + ip, e);
            }
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StepFailure("no container and no host named " + host + ": run its scene first", e);
        }
    }

    /** Our container of that name, if any. */
    Optional<ContainerInfo> container(String name) {
        return engine.inspect(name).filter(c -> "true".equals(c.labels().get(Labels.MANAGED)));
    }
}
