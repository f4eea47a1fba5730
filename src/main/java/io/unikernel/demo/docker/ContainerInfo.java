package io.unikernel.demo.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A container as inspected: identity, state and the bridge address Docker gave it; runtime is
 * the OCI runtime Docker started it with (HostConfig.Runtime: "runc", or e.g. "unikernel").
 */
public record ContainerInfo(
        String id,
        String name,
        String image,
        String hostname,
        String status,
        boolean running,
        int pid,
        int exitCode,
        Optional<String> ipAddress,
        Optional<Instant> startedAt,
        Map<String, String> labels,
        String runtime) {

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
