package io.unikernel.demo.images;

/** A build step failed; the message names the step and carries the last lines it printed. */
public class BuildException extends Exception {
    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
