package io.unikernel.demo.docker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReconnectPolicyTest {
    @Test
    void doublesFromTheFirstDelayUpToTheMaximum() {
        var policy = new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(5));
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 5000L, 5000L),
                IntStream.rangeClosed(1, 7).mapToObj(a -> policy.delay(a).toMillis()).toList());
        assertEquals(Duration.ofSeconds(5), policy.delay(1000));
    }

    @Test
    void refusesPoliciesThatDoNotMakeSense() {
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReconnectPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.DOCKER.delay(0));
    }
}
