package io.unikernel.demo.guest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes keys through to the guest until Ctrl-P Ctrl-Q ({@link DetachSequence}); then reports
 * end of input and runs the detach action.
 */
public final class DetachKeys extends FilterInputStream {
    private final Runnable onDetach;
    private final DetachSequence sequence = new DetachSequence();
    private byte[] ready = new byte[0];
    private int next;

    public DetachKeys(InputStream in, Runnable onDetach) {
        super(in);
        this.onDetach = onDetach;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    /** Reads a key at a time, so that what follows the detach sequence is never taken from the terminal. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (next == ready.length) {
            if (sequence.detached()) {
                return -1;
            }
            int b = super.read();
            if (b == -1) {
                ready = sequence.end();
                next = 0;
                if (ready.length == 0) {
                    return -1;
                }
            } else {
                ready = sequence.feed(new byte[] {(byte) b});
                next = 0;
                if (sequence.detached()) {
                    onDetach.run();
                }
            }
        }
        int n = Math.min(length, ready.length - next);
        System.arraycopy(ready, next, buffer, offset, n);
        next += n;
        return n;
    }

    public boolean detached() {
        return sequence.detached();
    }
}
