package io.unikernel.demo.host;

/** Signals Java's ProcessHandle cannot send. */
public final class Signals {
    /** SIGHUP from signal.h: daemons such as dockerd take it as "reload your configuration". */
    static final int SIGHUP = 1;

    private Signals() {
    }

    public static void hangUp(long pid) throws HostException {
        NativeHost.kill(pid, SIGHUP);
    }
}
