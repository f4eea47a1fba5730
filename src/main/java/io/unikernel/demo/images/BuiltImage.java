package io.unikernel.demo.images;

import java.time.Duration;

/**
 * One unikernel image after a build: whether it had to be rebuilt, how long that took, and the
 * sizes that tell the unikernel story (the guest payload next to the whole container image).
 */
public record BuiltImage(String tag, boolean rebuilt, Duration took, long payloadBytes, long imageBytes) {
}
