package io.unikernel.demo.host;

import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/** jnr-posix, for the POSIX calls it offers; bound on first use, as {@link Libc} is. */
final class Posix {
    private static final class Holder {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }

    private Posix() {
    }

    static POSIX posix() {
        return Holder.POSIX;
    }
}
