package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GuardTest {
    private final Set<String> installed = Set.of("mariadb");

    @Test
    void ifInstalledAppliesOnlyWhenTheProgramIsThere() {
        assertTrue(new Guard(Optional.of("mariadb"), Optional.empty()).applies(installed::contains));
        assertFalse(new Guard(Optional.of("psql"), Optional.empty()).applies(installed::contains));
    }

    @Test
    void unlessInstalledAppliesOnlyWhenTheProgramIsMissing() {
        assertFalse(new Guard(Optional.empty(), Optional.of("mariadb")).applies(installed::contains));
        assertTrue(new Guard(Optional.empty(), Optional.of("psql")).applies(installed::contains));
        assertTrue(Guard.ALWAYS.applies(installed::contains));
    }

    @Test
    void theRealPathIsSearched() {
        assertTrue(SceneRunner.onPath("sh"));
        assertFalse(SceneRunner.onPath("no-such-program-anywhere"));
    }
}
