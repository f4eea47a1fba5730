package io.unikernel.demo.host;

import java.util.function.UnaryOperator;

/**
 * Keeps the controlling terminal's (stdin's) settings as they were found and puts exactly those
 * back on {@link #close()}, or at JVM shutdown (SIGTERM, SIGHUP, {@code System.exit}) when close
 * never comes. In between the program may change them (raw mode for a guest console, flow control
 * off for the demo console) and lend the terminal, as found, to a command it runs in the
 * foreground. When stdin is not a terminal nothing is changed.
 */
public final class TerminalGuard implements AutoCloseable {
    private static final int STDIN = 0;

    /** Settings in force while a command has the terminal; closing it brings back the program's own. */
    @FunctionalInterface
    public interface Lease extends AutoCloseable {
        @Override
        void close() throws HostException;
    }

    private final Termios found;
    private final Thread restoreAtExit;

    private TerminalGuard(Termios found) {
        this.found = found;
        this.restoreAtExit = new Thread(this::restoreQuietly, "terminal-restore");
        if (found != null) {
            Runtime.getRuntime().addShutdownHook(restoreAtExit);
        }
    }

    /** Saves the settings and changes nothing yet. */
    public static TerminalGuard keep() throws HostException {
        return new TerminalGuard(NativeHost.isTerminal(STDIN) ? Termios.of(STDIN) : null);
    }

    /** Raw mode, so every key, Ctrl-C included, reaches a guest's console. */
    public static TerminalGuard raw() throws HostException {
        TerminalGuard guard = keep();
        guard.change(Termios::raw);
        return guard;
    }

    /**
     * Turns software flow control off in the settings now in force, for a full-screen program that
     * reads Ctrl-Q (the second detach key) itself.
     */
    public void withoutFlowControl() throws HostException {
        change(Termios::withoutFlowControl);
    }

    private void change(UnaryOperator<Termios> settings) throws HostException {
        if (found != null) {
            settings.apply(Termios.of(STDIN)).applyTo(STDIN);
        }
    }

    /**
     * Gives a foreground command the terminal as it was found (line editing, echo, signals, flow
     * control as the user had them); closing the lease brings back the settings in force now.
     */
    public Lease lendAsFound() throws HostException {
        if (found == null) {
            return () -> { };
        }
        Termios own = Termios.of(STDIN);
        found.applyTo(STDIN);
        return () -> own.applyTo(STDIN);
    }

    @Override
    public void close() throws HostException {
        if (found == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(restoreAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook restores them too; twice the same settings is harmless
        }
        found.applyTo(STDIN);
    }

    private void restoreQuietly() {
        try {
            found.applyTo(STDIN);
        } catch (HostException e) {
            // the terminal is gone (SIGHUP after a hang-up): there is nothing left to restore
        }
    }
}
