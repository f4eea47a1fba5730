package io.unikernel.demo.host;

import java.io.IOException;

/** A host-side operation failed; the message names the operation, the object, the cause and a fix. */
public class HostException extends IOException {
    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
