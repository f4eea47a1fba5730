package io.unikernel.demo.guest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DetachKeysTest {
    private static byte[] forward(byte[] typed, AtomicInteger detaches) throws Exception {
        try (var keys = new DetachKeys(new ByteArrayInputStream(typed), detaches::incrementAndGet)) {
            return keys.readAllBytes();
        }
    }

    @Test
    void detachesOnCtrlPCtrlQAndForwardsNothingAfter() throws Exception {
        AtomicInteger detaches = new AtomicInteger();
        byte[] sent = forward(new byte[] {'l', 's', 0x10, 0x11, 'x'}, detaches);
        assertArrayEquals(new byte[] {'l', 's'}, sent);
        assertEquals(1, detaches.get());
    }

    @Test
    void forwardsCtrlPFollowedByAnotherKey() throws Exception {
        AtomicInteger detaches = new AtomicInteger();
        byte[] sent = forward(new byte[] {0x10, 'a', 0x10, 0x10, 0x11}, detaches);
        assertArrayEquals(new byte[] {0x10, 'a', 0x10}, sent);
        assertEquals(1, detaches.get());
    }

    @Test
    void endsWithoutDetachWhenInputEnds() throws Exception {
        AtomicInteger detaches = new AtomicInteger();
        assertArrayEquals(new byte[] {'q'}, forward(new byte[] {'q'}, detaches));
        assertEquals(0, detaches.get());
    }
}
