package io.unikernel.demo.cli;

import io.unikernel.demo.host.Privileges;
import io.unikernel.demo.host.HostException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/** {@code docker-unikernel helper start|stop|status}: the resident helper that spares runs and runtime creates a JVM start. */
@Command(name = "helper", sortOptions = false, sortSynopsis = false, description = {
        HelperCommand.SUMMARY,
        "",
        "start keeps one JVM resident (as root, in a session of its own, from a copy of target/docker-unikernel.jar). "
                + "A detached 'docker-unikernel run' then hands its work to it (the same code, output and exit status; "
                + "about half a second faster), and so does each create of 'docker run --runtime unikernel' "
                + "('runtime install' starts it too). An attached run (-a), a run whose UNIKERNEL_KVM, UNIKERNEL_CACHE or "
                + "DOCKER_HOST differs from the helper's, and every run once the jar was rebuilt (the helper then stops) "
                + "start a JVM of their own as before. It is not started again after a reboot. stop ends it (the runs in "
                + "progress finish first); status says whether it runs. Both start and stop are idempotent."})
final class HelperCommand implements Action {
    static final String SUMMARY = "Start, stop or show the resident helper that makes run and runtime creates faster";
    /** 3, "not running", as an LSB init script's status says it. */
    static final int NOT_RUNNING = 3;

    @Parameters(paramLabel = "start|stop|status", arity = "0..1", description = "Start the helper, stop it, or say whether it runs")
    private String verb;

    @Mixin
    private HelpOption help;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        if (!"start".equals(verb) && !"stop".equals(verb) && !"status".equals(verb)) {
            throw new UserError("\"helper\" needs one of start, stop, status (see 'docker-unikernel helper --help')",
                    ParsedCommand.USAGE_ERROR, null);
        }
        try {
            Privileges.requireRoot();
        } catch (HostException e) {
            throw new UserError(e.getMessage(), e);
        }
        switch (verb) {
            case "start" -> out.println(HelperProcess.start(jar()));
            case "stop" -> out.println(HelperProcess.stop());
            default -> {
                Optional<ProcessHandle> running = HelperProcess.running();
                if (running.isEmpty()) {
                    out.println("No helper is running");
                    return NOT_RUNNING;
                }
                out.println("The helper is running (pid " + running.get().pid() + ", log " + HelperProcess.LOG + ")");
            }
        }
        return 0;
    }

    /** The jar the helper is started from, as scripts/build-jar.sh builds it. */
    static Path jar() {
        return BuildCommand.home().resolve("target/docker-unikernel.jar");
    }
}
