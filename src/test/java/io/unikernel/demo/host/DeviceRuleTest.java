package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DeviceRuleTest {
    @Test
    void rendersAllMinorsRuleAsDockerAndCgroupV1ReadIt() {
        assertEquals("c 246:* rwm", DeviceRule.allMinorsOf(246).toString());
        assertEquals("c 10:232 rw", new DeviceRule('c', 10, 232, "rw").toString());
    }

    @Test
    void rejectsUnknownPermissions() {
        var e = assertThrows(IllegalArgumentException.class, () -> new DeviceRule('c', 1, null, "x"));
        assertEquals("device rule permissions 'x' must be a subset of rwm in that order", e.getMessage());
    }

    @Test
    void parsesSysfsDeviceNumber() {
        assertEquals(new DeviceNumber(246, 3), DeviceNumber.parse("246:3\n"));
        assertThrows(IllegalArgumentException.class, () -> DeviceNumber.parse("246"));
    }

    @Test
    void encodesDevTLikeGlibcMakedev() {
        assertEquals(0xf603L, NativeHost.makedev(246, 3));
        assertEquals((0x1L << 8) | 0x45L | (0x123L << 20), NativeHost.makedev(1, 0x12345));
    }
}
