package io.unikernel.demo.host;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C typed while a foreground command has the terminal is meant for that command. The kernel
 * sends SIGINT to the terminal's whole foreground process group, which holds this JVM too (Java
 * starts children in its own group), and the JVM's default handler would shut it down. While the
 * terminal is lent, and for a moment after, SIGINT is ignored here; otherwise the JVM's handler
 * runs as before. The child is unaffected: exec resets a caught signal to its default action.
 */
public final class KeyboardInterrupts {
    private static final Signal INT = new Signal("INT");
    /**
     * The JVM runs Java signal handlers on its own dispatcher thread, a moment after the signal:
     * a Ctrl-C that ended the command can be handled after the command's exit was seen.
     */
    private static final long GRACE_NANOS = 500_000_000L;

    private static SignalHandler jvmHandler;
    private static int lent;
    private static long returnedAt = System.nanoTime() - GRACE_NANOS;

    private KeyboardInterrupts() {
    }

    /** Until the returned handle is closed, SIGINT belongs to the foreground command. */
    public static synchronized Lease lend() {
        if (jvmHandler == null) {
            jvmHandler = Signal.handle(INT, KeyboardInterrupts::handle);
        }
        lent++;
        return KeyboardInterrupts::giveBack;
    }

    /** The terminal's SIGINT given back to this program on close. */
    @FunctionalInterface
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static synchronized void giveBack() {
        lent--;
        returnedAt = System.nanoTime();
    }

    private static void handle(Signal signal) {
        SignalHandler previous;
        synchronized (KeyboardInterrupts.class) {
            if (lent > 0 || System.nanoTime() - returnedAt < GRACE_NANOS) {
                return;
            }
            previous = jvmHandler;
        }
        if (previous != SignalHandler.SIG_DFL && previous != SignalHandler.SIG_IGN) {
            previous.handle(signal);
        }
    }
}
