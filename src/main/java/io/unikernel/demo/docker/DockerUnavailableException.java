package io.unikernel.demo.docker;

/** The Docker daemon could not be reached at all; the message names the address and how to start it. */
public class DockerUnavailableException extends RuntimeException {
    public DockerUnavailableException(String host, Throwable cause) {
        super("Cannot reach the Docker daemon at " + host + " (" + rootMessage(cause)
                + "): start it ('sudo dockerd &' or 'sudo systemctl start docker') or set DOCKER_HOST", cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
