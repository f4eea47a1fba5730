package io.unikernel.demo.host;

import java.io.IOException;
import java.time.Duration;

/** A host command that was still running at its deadline; it and every process it started were stopped. */
public final class ProcessTimeoutException extends IOException {
    private final Duration timeout;

    ProcessTimeoutException(ProcessSpec spec, Duration timeout) {
        super("\"" + spec.describe() + "\" still running after its timeout of " + text(timeout)
                + "; stopped it and every process it started");
        this.timeout = timeout;
    }

    private static String text(Duration d) {
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + " ms";
        }
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    public Duration timeout() {
        return timeout;
    }
}
