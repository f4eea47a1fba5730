package io.unikernel.demo.docker;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which containers without the launcher's labels count as our guests: our image and our runtime, both. */
class RuntimeGuestsTest {
    private static final Map<String, String> OUR_IMAGE = Map.of(Labels.IMAGE_INPUTS, "f2410fa5");

    private static ContainerInfo container(String runtime, Map<String, String> labels) {
        return new ContainerInfo("0123456789abcdef", "web", "unikernel/nginx", "web", "running", true, 42, 0,
                Optional.of("172.17.0.2"), Optional.empty(), labels, runtime);
    }

    @Test
    void ourImageThroughOurRuntimeIsAGuest() {
        assertTrue(RuntimeGuests.startedByDocker(container(RuntimeGuests.RUNTIME, OUR_IMAGE)));
    }

    @Test
    void ourImageThroughPlainRuncIsNot() {
        assertFalse(RuntimeGuests.startedByDocker(container("runc", OUR_IMAGE)));
    }

    @Test
    void anotherImageThroughOurRuntimeIsNot() {
        assertFalse(RuntimeGuests.startedByDocker(container(RuntimeGuests.RUNTIME, Map.of("maintainer", "someone"))));
    }

    @Test
    void eventsOfLauncherContainersAndOfOurImagesMayBeOursOthersNot() {
        assertTrue(RuntimeGuests.mayBeOurs(Map.of(Labels.MANAGED, "true")));
        assertTrue(RuntimeGuests.mayBeOurs(OUR_IMAGE));
        assertFalse(RuntimeGuests.mayBeOurs(Map.of(Labels.MANAGED, "false", "image", "busybox")));
    }
}
