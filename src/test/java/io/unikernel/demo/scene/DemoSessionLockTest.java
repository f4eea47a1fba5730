package io.unikernel.demo.scene;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The lock within one process; two consoles (and a SIGKILLed one) are OneDemoSessionPerHostTest's. */
class DemoSessionLockTest {
    @Test
    void aSecondSessionIsRefusedNamingTheFirstUntilItEnds(@TempDir Path dir) throws Exception {
        try (DemoSessionLock first = DemoSessionLock.acquire(dir)) {
            DemoSessionLock.HeldElsewhere refused = assertThrows(DemoSessionLock.HeldElsewhere.class, () -> DemoSessionLock.acquire(dir));
            assertEquals(Long.toString(ProcessHandle.current().pid()), refused.holder().pid());
            assertEquals("another demo session runs on this host (pid " + ProcessHandle.current().pid() + " on "
                    + refused.holder().terminal() + ")", refused.getMessage());
        }
        DemoSessionLock.acquire(dir).close();
    }
}
