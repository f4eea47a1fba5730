package io.unikernel.demo.cli;

/** A failure the user can fix: printed as one line ("docker-unikernel: ...") with a non-zero exit. */
public class UserError extends RuntimeException {
    private final int exitStatus;

    public UserError(String message) {
        this(message, 1, null);
    }

    public UserError(String message, Throwable cause) {
        this(message, 1, cause);
    }

    public UserError(String message, int exitStatus, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
