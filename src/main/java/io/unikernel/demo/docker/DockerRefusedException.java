package io.unikernel.demo.docker;

/** The Docker daemon answered a request with an error; the message is Docker's, the status its HTTP status. */
public class DockerRefusedException extends RuntimeException {
    private final int httpStatus;

    public DockerRefusedException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** 404: no such container or image; 409: a conflict, such as a name already in use. */
    public int httpStatus() {
        return httpStatus;
    }
}
