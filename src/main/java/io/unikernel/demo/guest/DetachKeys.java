package io.unikernel.demo.guest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes keys through to the guest until Ctrl-P Ctrl-Q, docker attach's detach sequence; then
 * reports end of input and runs the detach action. A Ctrl-P followed by another key sends both.
 */
public final class DetachKeys extends FilterInputStream {
    static final int CTRL_P = 0x10;
    static final int CTRL_Q = 0x11;

    private final Runnable onDetach;
    private int pending = -1;
    private boolean detached;

    public DetachKeys(InputStream in, Runnable onDetach) {
        super(in);
        this.onDetach = onDetach;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written == 0) {
            if (detached) {
                return -1;
            }
            if (pending >= 0 && pending != CTRL_P) {
                buffer[offset + written++] = (byte) pending;
                pending = -1;
                continue;
            }
            int b = super.read();
            if (b == -1) {
                if (pending == CTRL_P) {
                    pending = -1;
                    buffer[offset + written++] = (byte) CTRL_P;
                    continue;
                }
                return written == 0 ? -1 : written;
            }
            if (pending == CTRL_P) {
                pending = -1;
                if (b == CTRL_Q) {
                    detached = true;
                    onDetach.run();
                    return -1;
                }
                buffer[offset + written++] = (byte) CTRL_P;
                if (b == CTRL_P) {
                    pending = CTRL_P;
                } else if (written < length) {
                    buffer[offset + written++] = (byte) b;
                } else {
                    pending = b;
                }
            } else if (b == CTRL_P) {
                pending = CTRL_P;
            } else {
                buffer[offset + written++] = (byte) b;
            }
        }
        return written;
    }

    public boolean detached() {
        return detached;
    }
}
