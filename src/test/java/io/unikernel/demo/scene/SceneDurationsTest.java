package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Durations}. */
class SceneDurationsTest {
    @Test
    void readsMillisecondsSecondsMinutesAndBareSeconds() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), Durations.parse("90s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), Durations.parse("2m"));
        assertEquals(Optional.of(Duration.ofSeconds(60)), Durations.parse("60"));
    }

    @Test
    void refusesZeroOtherUnitsAndNoise() {
        assertEquals(Optional.empty(), Durations.parse("0s"));
        assertEquals(Optional.empty(), Durations.parse("1h"));
        assertEquals(Optional.empty(), Durations.parse("-5s"));
        assertEquals(Optional.empty(), Durations.parse("1.5s"));
        assertEquals(Optional.empty(), Durations.parse("99999999999s"));
    }
}
