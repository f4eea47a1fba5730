package io.unikernel.demo.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CreateHelperRequestTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void fieldsAreNulEndedPhaseRuncThenRuncsArguments() {
        CreateHelperRequest request = CreateHelperRequest.decode(bytes("plumb\0/usr/bin/runc\0--root\0/run/x\0create\0id 1\0"));
        assertEquals(new CreateHelperRequest(CreateHelperRequest.Phase.PLUMB, "/usr/bin/runc", List.of("--root", "/run/x", "create", "id 1")), request);
        assertArrayEquals(bytes("plumb\0/usr/bin/runc\0--root\0/run/x\0create\0id 1\0"), request.encode());
        assertEquals("", CreateHelperRequest.decode(bytes("devices\0runc\0\0")).args().get(0), "an empty argument survives");
    }

    @Test
    void anUnendedLastFieldIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CreateHelperRequest.decode(bytes("devices\0runc\0creat")));
        assertTrue(e.getMessage().contains("not ended by a NUL"), e.getMessage());
    }

    @Test
    void aRequestNeedsAPhaseAndRunc() {
        assertThrows(IllegalArgumentException.class, () -> CreateHelperRequest.decode(bytes("devices\0")));
    }

    @Test
    void anUnknownPhaseIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CreateHelperRequest.decode(bytes("start\0runc\0")));
        assertEquals("unknown phase \"start\" (expected devices or plumb)", e.getMessage());
    }
}
