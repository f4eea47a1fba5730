package io.unikernel.demo.tui;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class KeyQueueTest {
    @Test
    void keysComeOutInOrderThenTheEndAfterThoseAddedBeforeIt() throws Exception {
        KeyQueue keys = new KeyQueue();
        keys.add("ab".getBytes(StandardCharsets.US_ASCII));
        keys.add(new byte[] {0x10, 0x11});
        keys.end();
        assertArrayEquals(new byte[] {'a', 'b', 0x10, 0x11}, keys.readAllBytes());
        assertEquals(-1, keys.read());
    }

    @Test
    void addingNeverWaitsForAReader() {
        KeyQueue keys = new KeyQueue();
        // A pipe of 4 KiB would block the console's thread on the second key already.
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
            for (int i = 0; i < 100_000; i++) {
                keys.add(new byte[64]);
            }
        });
    }

    @Test
    void aReaderWaitsForTheNextKey() throws Exception {
        KeyQueue keys = new KeyQueue();
        Thread typist = new Thread(() -> {
            ConsoleHarness.sleep(100);
            keys.add(new byte[] {'q'});
        });
        typist.start();
        assertEquals('q', keys.read());
        typist.join();
    }
}
