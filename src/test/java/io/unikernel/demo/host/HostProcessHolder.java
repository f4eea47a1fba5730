package io.unikernel.demo.host;

/** A JVM that runs one never-ending host command, for the test that sends this JVM SIGTERM. */
public final class HostProcessHolder {
    private HostProcessHolder() {
    }

    /** args[0]: the file the command writes its child's pid into. */
    public static void main(String[] args) throws Exception {
        HostProcess.run(ProcessSpec.shell("sleep 1000 & echo $! > " + args[0] + ".part; mv " + args[0] + ".part " + args[0]
                + "; wait"), System.out::println, System.err::println);
    }
}
