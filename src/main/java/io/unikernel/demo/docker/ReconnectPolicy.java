package io.unikernel.demo.docker;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait before each try to reach Docker again: FIRST, doubling up to MAX. A daemon that
 * restarts is back within seconds and is found again soon; one that stays down costs one cheap try
 * every MAX, not a stream of failures.
 */
public record ReconnectPolicy(Duration first, Duration max) {
    /** A dockerd restart takes 1-3 s here: the first tries catch it, later ones wait 5 s apart. */
    public static final ReconnectPolicy DOCKER = new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(5));

    public ReconnectPolicy {
        Objects.requireNonNull(first, "first was not specified");
        Objects.requireNonNull(max, "max was not specified");
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("delays " + first + " then up to " + max + " do not make a policy");
        }
    }

    /** The wait before try ATTEMPT (1 for the first try after the loss). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt " + attempt + " is not 1 or more");
        }
        Duration delay = first;
        for (int i = 1; i < attempt && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
