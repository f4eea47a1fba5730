package io.unikernel.demo.guest;

import java.io.ByteArrayOutputStream;

/**
 * Recognises Ctrl-P Ctrl-Q, docker attach's detach sequence, in the keys typed at a guest's
 * console: what to pass on as the keys come, holding a Ctrl-P back until the next key says
 * whether it starts the sequence. A Ctrl-P followed by another key passes on both.
 */
public final class DetachSequence {
    public static final byte CTRL_P = 0x10;
    public static final byte CTRL_Q = 0x11;

    private boolean heldCtrlP;
    private boolean detached;

    /** The bytes to pass on for these typed ones; none once the sequence was typed, nor after it. */
    public byte[] feed(byte[] typed) {
        ByteArrayOutputStream pass = new ByteArrayOutputStream(typed.length + 1);
        for (byte b : typed) {
            if (detached) {
                break;
            }
            if (heldCtrlP) {
                heldCtrlP = false;
                if (b == CTRL_Q) {
                    detached = true;
                    break;
                }
                pass.write(CTRL_P);
            }
            if (b == CTRL_P) {
                heldCtrlP = true;
            } else {
                pass.write(b);
            }
        }
        return pass.toByteArray();
    }

    /** At the end of the keys: a Ctrl-P still held back is passed on after all. */
    public byte[] end() {
        if (heldCtrlP && !detached) {
            heldCtrlP = false;
            return new byte[] {CTRL_P};
        }
        return new byte[0];
    }

    public boolean detached() {
        return detached;
    }
}
