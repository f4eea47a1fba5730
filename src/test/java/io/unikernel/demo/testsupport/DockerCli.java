package io.unikernel.demo.testsupport;

/** The docker command line, as a user types it: the runtime tests drive Docker itself, not our gateway. */
public final class DockerCli {
    private DockerCli() {
    }

    public static HostCommand.Result docker(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        return HostCommand.run(command);
    }

    /** {@code docker inspect -f FORMAT NAME}, trimmed. */
    public static String inspect(String name, String format) {
        return docker("inspect", "-f", format, name).output().strip();
    }
}
