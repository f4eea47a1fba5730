package io.unikernel.demo.runtime;

/** Registering or removing the runtime failed; the message says why, what to do, and what was left as it was. */
public final class RegistrationException extends Exception {
    public RegistrationException(String message) {
        super(message);
    }

    public RegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
