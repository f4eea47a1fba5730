package io.unikernel.demo.docker;

/** What the Docker daemon says of itself: its version and where it keeps images and containers ("" if it does not say). */
public record DaemonInfo(String serverVersion, String rootDir) {
}
