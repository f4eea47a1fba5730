package io.unikernel.demo.guest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console feeds a key at a time: the sequence is recognised across keys, as the stream recognises it across bytes. */
class DetachSequenceTest {
    @Test
    void ctrlPIsHeldUntilTheNextKeySaysWhatItIs() {
        DetachSequence keys = new DetachSequence();
        assertArrayEquals(new byte[0], keys.feed(new byte[] {0x10}));
        assertArrayEquals(new byte[] {0x10, 'a'}, keys.feed(new byte[] {'a'}));
        assertFalse(keys.detached());
    }

    @Test
    void ctrlQAfterCtrlPDetachesAndNothingPassesAfter() {
        DetachSequence keys = new DetachSequence();
        assertArrayEquals(new byte[] {'l', 's'}, keys.feed(new byte[] {'l', 's', 0x10}));
        assertArrayEquals(new byte[0], keys.feed(new byte[] {0x11}));
        assertTrue(keys.detached());
        assertArrayEquals(new byte[0], keys.feed(new byte[] {'x'}));
        assertArrayEquals(new byte[0], keys.end());
    }

    @Test
    void aHeldCtrlPPassesAtTheEndOfTheKeys() {
        DetachSequence keys = new DetachSequence();
        keys.feed(new byte[] {0x10});
        assertArrayEquals(new byte[] {0x10}, keys.end());
    }
}
