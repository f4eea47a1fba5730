package io.unikernel.demo.tui;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Keys on their way to a guest: the console's thread adds them without ever waiting (a pipe
 * would block it once a stalled attach stops reading), the attach thread reads them as a stream.
 */
final class KeyQueue extends InputStream {
    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> keys = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;

    /** Never blocks. */
    void add(byte[] bytes) {
        keys.add(bytes.clone());
    }

    /** The reader sees the end of the stream after the keys added so far. */
    void end() {
        keys.add(END);
    }

    @Override
    public int read() throws InterruptedIOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws InterruptedIOException {
        if (length == 0) {
            return 0;
        }
        while (!ended && position == current.length) {
            try {
                current = keys.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for keys");
            }
            position = 0;
            ended = current == END;
        }
        if (ended) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }
}
