package io.unikernel.demo.launcher;

/** A launch failed; the message says what failed and what to do, and nothing was left behind unless asked. */
public class LaunchException extends Exception {
    public LaunchException(String message) {
        super(message);
    }

    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
