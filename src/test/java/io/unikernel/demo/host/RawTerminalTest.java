package io.unikernel.demo.host;

import jnr.ffi.Struct;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RawTerminalTest {
    private static Termios settings() {
        return new Termios(Libc.runtime());
    }

    @Test
    void rawModeStopsEchoAndLineEditingButKeepsNewlineTranslation() {
        Termios cooked = settings();
        // c_lflag with ECHO 0x8 and ICANON 0x2, c_oflag with OPOST 0x1 and ONLCR 0x4.
        cooked.localFlags.set(0x8 | 0x2);
        cooked.outputFlags.set(0x1 | 0x4);
        Termios raw = cooked.raw();
        assertEquals(0, raw.localFlags.get() & (0x8 | 0x2), "no echo, no line editing: every key goes to the guest");
        assertEquals(0x1 | 0x4, raw.outputFlags.get() & (0x1 | 0x4), "\\n still shown as \\r\\n");
        assertEquals(0x8 | 0x2, cooked.localFlags.get(), "the saved settings are left as they were");
    }

    @Test
    void withoutFlowControlClearsOnlyIxon() {
        Termios cooked = settings();
        // c_iflag with ICRNL 0x100 and IXON 0x400; c_lflag with ECHO and ICANON.
        cooked.inputFlags.set(0x100 | 0x400);
        cooked.localFlags.set(0x8 | 0x2);
        Termios changed = cooked.withoutFlowControl();
        assertEquals(0x100, changed.inputFlags.get(), "Ctrl-Q reaches the program; the rest of the input flags stay");
        assertEquals(0x8 | 0x2, changed.localFlags.get(), "still echo and line editing");
        assertEquals(0x100 | 0x400, cooked.inputFlags.get(), "the saved settings are left as they were");
    }

    @Test
    void aChangedCopyKeepsEveryOtherSetting() {
        Termios cooked = settings();
        cooked.controlFlags.set(0xbf);
        cooked.lineDiscipline.set(3);
        cooked.controlCharacters[31].set(0x7f);
        cooked.outputSpeed.set(15);
        Termios changed = cooked.withoutFlowControl();
        assertEquals(0xbf, changed.controlFlags.get());
        assertEquals(3, changed.lineDiscipline.get());
        assertEquals(0x7f, changed.controlCharacters[31].get());
        assertEquals(15, changed.outputSpeed.get());
    }

    @Test
    void layoutIsGlibcsStructTermiosOnX8664() {
        Termios termios = settings();
        assertEquals(60, Struct.size(termios), "sizeof(struct termios)");
        assertEquals(0, termios.inputFlags.offset());
        assertEquals(4, termios.outputFlags.offset());
        assertEquals(8, termios.controlFlags.offset());
        assertEquals(12, termios.localFlags.offset());
        assertEquals(16, termios.lineDiscipline.offset());
        assertEquals(17, termios.controlCharacters[0].offset());
        assertEquals(52, termios.inputSpeed.offset(), "c_ispeed after c_cc[32], aligned to 4");
        assertEquals(56, termios.outputSpeed.offset());
    }
}
