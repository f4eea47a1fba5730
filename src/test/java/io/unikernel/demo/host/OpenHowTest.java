package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OpenHowTest {
    @Test
    void isThreeNativeOrderU64sFlagsModeResolve() {
        byte[] bytes = new OpenHow(0x0102030405060708L, 0644, OpenHow.RESOLVE_IN_ROOT).bytes();
        assertEquals(24, bytes.length, "sizeof(struct open_how), OPEN_HOW_SIZE_VER0");
        ByteBuffer fields = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x0102030405060708L, fields.getLong(0), "flags at offset 0");
        assertEquals(0644, fields.getLong(8), "mode at offset 8");
        assertEquals(0x10, fields.getLong(16), "resolve at offset 16");
        assertEquals(0x08, bytes[0], "x86-64 is little-endian: the low byte of flags comes first");
    }

    @Test
    void pathOnlyAsksForTheLinkItselfAndNoMode() {
        long resolve = OpenHow.RESOLVE_IN_ROOT | OpenHow.RESOLVE_NO_MAGICLINKS | OpenHow.RESOLVE_NO_SYMLINKS;
        byte[] expected = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(010000000 | 0400000 | 02000000).putLong(0).putLong(0x10 | 0x02 | 0x04).array();
        assertArrayEquals(expected, OpenHow.pathOnly(resolve).bytes(), "O_PATH | O_NOFOLLOW | O_CLOEXEC, mode 0");
    }
}
