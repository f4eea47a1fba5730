package io.unikernel.demo.host;

import java.util.function.UnaryOperator;

/**
 * Puts the controlling terminal (stdin) in raw mode while a guest console is attached, so every
 * key, Ctrl-C included, reaches the guest; {@link #close()} restores the saved settings.
 * When stdin is not a terminal nothing is changed.
 */
public final class RawTerminal implements AutoCloseable {
    private static final int STDIN = 0;
    private final byte[] saved;

    private RawTerminal(byte[] saved) {
        this.saved = saved;
    }

    public static RawTerminal enter() throws HostException {
        return change(NativeHost::raw);
    }

    /**
     * Only turns software flow control off, for a full-screen program that reads Ctrl-Q (the
     * second detach key) itself; {@link #close()} restores the saved settings.
     */
    public static RawTerminal withoutFlowControl() throws HostException {
        return change(NativeHost::withoutFlowControl);
    }

    private static RawTerminal change(UnaryOperator<byte[]> settings) throws HostException {
        if (!NativeHost.isTerminal(STDIN)) {
            return new RawTerminal(null);
        }
        byte[] original = NativeHost.terminalAttributes(STDIN);
        NativeHost.setTerminalAttributes(STDIN, settings.apply(original));
        return new RawTerminal(original);
    }

    @Override
    public void close() throws HostException {
        if (saved != null) {
            NativeHost.setTerminalAttributes(STDIN, saved);
        }
    }
}
