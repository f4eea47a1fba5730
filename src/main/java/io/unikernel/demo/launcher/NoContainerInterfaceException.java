package io.unikernel.demo.launcher;

/**
 * The container's network namespace has no eth0 to bridge the guest onto. The message gives
 * Docker's remedy; a caller started by another engine gives that engine's ({@link #problem()}).
 */
public final class NoContainerInterfaceException extends LaunchException {
    private final String problem;

    NoContainerInterfaceException(String problem, String dockerRemedy) {
        super(problem + ": " + dockerRemedy);
        this.problem = problem;
    }

    /** What is wrong, without a remedy. */
    public String problem() {
        return problem;
    }
}
