package io.unikernel.demo.host;

import jnr.ffi.Memory;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;

/**
 * glibc's {@code struct termios} (bits/termios-struct.h): a terminal's settings as tcgetattr(3)
 * fills them in. The changes return a new copy, so the settings a guard saved stay as found.
 */
final class Termios extends Struct {
    /** NCCS from bits/termios.h: the number of control characters. */
    private static final int NCCS = 32;
    /** TCSANOW from termios.h: the change takes effect at once. */
    private static final int TCSANOW = 0;
    /** OPOST and ONLCR from termios.h: output "\n" as "\r\n". */
    static final int OPOST_ONLCR = 0x1 | 0x4;
    /** IXON from termios.h: Ctrl-S / Ctrl-Q pause and resume output. */
    static final int IXON = 0x400;

    final Unsigned32 inputFlags = new Unsigned32();
    final Unsigned32 outputFlags = new Unsigned32();
    final Unsigned32 controlFlags = new Unsigned32();
    final Unsigned32 localFlags = new Unsigned32();
    final Unsigned8 lineDiscipline = new Unsigned8();
    final Unsigned8[] controlCharacters = array(new Unsigned8[NCCS]);
    final Unsigned32 inputSpeed = new Unsigned32();
    final Unsigned32 outputSpeed = new Unsigned32();

    /** All zero, in memory of its own that libc can write. */
    Termios(Runtime runtime) {
        super(runtime);
        useMemory(Memory.allocateDirect(runtime, Struct.size(this), true));
    }

    /** The settings of terminal {@code fd}: tcgetattr(3). */
    static Termios of(int fd) throws SystemCallException {
        Termios termios = new Termios(Libc.runtime());
        if (Libc.functions().tcgetattr(fd, Struct.getMemory(termios)) != 0) {
            throw SystemCallException.ofLastCall("read the terminal settings of fd " + fd);
        }
        return termios;
    }

    /** Puts these settings on terminal {@code fd} now: tcsetattr(3). */
    void applyTo(int fd) throws SystemCallException {
        if (Libc.functions().tcsetattr(fd, TCSANOW, Struct.getMemory(this)) != 0) {
            throw SystemCallException.ofLastCall("change the terminal settings of fd " + fd);
        }
    }

    /**
     * Raw input, but output still turns "\n" into "\r\n": the runner's own lines reach us
     * without a carriage return, and would otherwise step across the screen.
     */
    Termios raw() {
        Termios raw = copy();
        Libc.functions().cfmakeraw(Struct.getMemory(raw));
        raw.outputFlags.set(raw.outputFlags.get() | OPOST_ONLCR);
        return raw;
    }

    /** The same settings with software flow control off, so Ctrl-S and Ctrl-Q arrive as keys. */
    Termios withoutFlowControl() {
        Termios changed = copy();
        changed.inputFlags.set(changed.inputFlags.get() & ~IXON);
        return changed;
    }

    private Termios copy() {
        Termios copy = new Termios(getRuntime());
        Struct.getMemory(this).transferTo(0, Struct.getMemory(copy), 0, Struct.size(this));
        return copy;
    }
}
