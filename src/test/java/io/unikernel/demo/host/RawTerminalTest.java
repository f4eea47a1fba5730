package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RawTerminalTest {
    private static int flags(byte[] termios, int offset) {
        return ByteBuffer.wrap(termios).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    @Test
    void rawModeStopsEchoAndLineEditingButKeepsNewlineTranslation() {
        byte[] cooked = new byte[NativeHost.TERMIOS_SIZE];
        // c_lflag (offset 12) with ECHO 0x8 and ICANON 0x2, c_oflag (offset 4) with OPOST 0x1 and ONLCR 0x4.
        ByteBuffer.wrap(cooked).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 0x8 | 0x2).putInt(4, 0x1 | 0x4);
        byte[] raw = NativeHost.raw(cooked);
        assertEquals(0, flags(raw, 12) & (0x8 | 0x2), "no echo, no line editing: every key goes to the guest");
        assertEquals(0x1 | 0x4, flags(raw, 4) & (0x1 | 0x4), "\\n still shown as \\r\\n");
        assertEquals(0x8 | 0x2, flags(cooked, 12), "the saved settings are left as they were");
    }

    @Test
    void withoutFlowControlClearsOnlyIxon() {
        byte[] cooked = new byte[NativeHost.TERMIOS_SIZE];
        // c_iflag (offset 0) with ICRNL 0x100 and IXON 0x400; c_lflag with ECHO and ICANON.
        ByteBuffer.wrap(cooked).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x100 | 0x400).putInt(12, 0x8 | 0x2);
        byte[] changed = NativeHost.withoutFlowControl(cooked);
        assertEquals(0x100, flags(changed, 0), "Ctrl-Q reaches the program; the rest of the input flags stay");
        assertEquals(0x8 | 0x2, flags(changed, 12), "still echo and line editing");
        assertEquals(0x100 | 0x400, flags(cooked, 0), "the saved settings are left as they were");
    }
}
