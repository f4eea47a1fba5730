package io.unikernel.demo.docker;

import java.util.Map;

/**
 * What the Docker daemon says of itself: its version, where it keeps images and containers ("" if it does not say) and
 * the OCI runtimes it lists with a path, by name.
 */
public record DaemonInfo(String serverVersion, String rootDir, Map<String, String> runtimes) {
    public DaemonInfo {
        runtimes = Map.copyOf(runtimes);
    }
}
