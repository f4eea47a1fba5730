package io.unikernel.demo.tui;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes through to the terminal and hands the recorder whole UTF-8 characters: a character
 * split across two writes (Lanterna flushes mid-sequence) waits for its last bytes.
 */
final class TeeStream extends OutputStream {
    private final OutputStream terminal;
    private final AsciicastRecorder recorder;
    /** The start of a character whose last bytes have not been written yet: at most 3 bytes. */
    private byte[] pending = new byte[0];

    TeeStream(OutputStream terminal, AsciicastRecorder recorder) {
        this.terminal = terminal;
        this.recorder = recorder;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // Under the recorder's lock, so the terminal and the recording see writes in one order.
        synchronized (recorder) {
            terminal.write(b, off, len);
            byte[] bytes = Arrays.copyOf(pending, pending.length + len);
            System.arraycopy(b, off, bytes, pending.length, len);
            int complete = Utf8.completeLength(bytes);
            pending = Arrays.copyOfRange(bytes, complete, bytes.length);
            if (complete > 0) {
                recorder.event("o", new String(bytes, 0, complete, StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (recorder) {
            terminal.flush();
            recorder.flush();
        }
    }

    /** Records a character left unfinished as U+FFFD, as a terminal would show it. */
    @Override
    public void close() throws IOException {
        synchronized (recorder) {
            if (pending.length > 0) {
                recorder.event("o", new String(pending, StandardCharsets.UTF_8));
                pending = new byte[0];
            }
            flush();
        }
    }
}
