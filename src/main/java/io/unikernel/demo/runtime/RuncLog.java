package io.unikernel.demo.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Where an engine reads why runc failed: containerd's shim takes the last {@code "level":"error"}
 * line of runc's JSON log ({@code --log FILE --log-format json}) into the error that
 * {@code docker run} prints. Our failures go there in the same format, and to stderr.
 */
public final class RuncLog {
    static final String PREFIX = "docker-unikernel-runtime: ";

    private RuncLog() {
    }

    public static void error(RuncCall call, String message, PrintStream err) {
        err.println(PREFIX + message);
        if (call.log().isEmpty()) {
            return;
        }
        String line;
        if (call.jsonLog()) {
            line = "{\"level\":\"error\",\"msg\":" + DaemonJsonEdit.quote(PREFIX + message)
                    + ",\"time\":" + DaemonJsonEdit.quote(Instant.now().toString()) + "}";
        } else {
            line = PREFIX + message;
        }
        try {
            Files.writeString(call.log().get(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println(PREFIX + "could not write runc's log " + call.log().get() + ": " + e.getMessage());
        }
    }
}
