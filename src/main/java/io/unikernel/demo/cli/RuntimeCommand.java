package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Privileges;
import io.unikernel.demo.runtime.Dockerd;
import io.unikernel.demo.runtime.RegistrationException;
import io.unikernel.demo.runtime.RuntimeRegistration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code docker-unikernel runtime install|uninstall}: the OCI runtime "unikernel" in the local dockerd. */
@Command(name = "runtime", sortOptions = false, sortSynopsis = false, description = {
        RuntimeCommand.SUMMARY,
        "",
        "install adds {\"runtimes\": {\"unikernel\": {\"path\": \".../docker-unikernel-runtime\"}}} to dockerd's "
                + "daemon.json (creating it if absent, every other byte kept), makes dockerd reload it (SIGHUP; running "
                + "containers are not touched) and checks that 'docker info' lists the runtime. Then 'docker run "
                + "--runtime unikernel IMAGE' plumbs our images as 'docker-unikernel run' does, and passes any other "
                + "image to runc. install also starts the resident helper ('docker-unikernel helper start'), a JVM that does the "
                + "plumbing of each create (without it every create of our images starts a JVM of its own; after a reboot, "
                + "run install again to start it); uninstall stops it and removes exactly that entry. Both are idempotent."})
final class RuntimeCommand implements Action {
    static final String SUMMARY = "Register the OCI runtime 'unikernel' with dockerd (docker run --runtime unikernel)";
    static final String EXECUTABLE = "docker-unikernel-runtime";

    @Parameters(paramLabel = "install|uninstall", arity = "0..1", description = "Add the runtime, or remove it")
    private String verb;

    @Mixin
    private HelpOption help;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        if (!"install".equals(verb) && !"uninstall".equals(verb)) {
            throw new UserError("\"runtime\" needs one of install, uninstall (see 'docker-unikernel runtime --help')",
                    ParsedCommand.USAGE_ERROR, null);
        }
        try {
            Privileges.requireRoot();
            Dockerd dockerd = Dockerd.find();
            try (ContainerEngine engine = ContainerEngine.connect()) {
                RuntimeRegistration registration = new RuntimeRegistration(engine, dockerd);
                if (verb.equals("install")) {
                    install(registration, out);
                } else {
                    out.println(registration.uninstall());
                    out.println(HelperProcess.stop());
                }
            }
        } catch (RegistrationException | HostException e) {
            throw new UserError(e.getMessage(), e);
        }
        return 0;
    }

    /** The helper first: when dockerd refuses the registration, no helper is left running. */
    private static void install(RuntimeRegistration registration, PrintStream out) throws RegistrationException {
        boolean wasRunning = HelperProcess.running().isPresent();
        String helper = HelperProcess.start(HelperCommand.jar());
        try {
            out.println(registration.install(executable()));
        } catch (RegistrationException | UserError e) {
            if (!wasRunning) {
                HelperProcess.stop();
            }
            throw e;
        }
        out.println(helper);
    }

    private static Path executable() {
        Path home = BuildCommand.home();
        Path runtime = home.resolve(EXECUTABLE);
        if (!Files.isExecutable(runtime)) {
            throw new UserError(runtime + " is missing or not executable: run this command from the docker-unikernel checkout");
        }
        return runtime;
    }
}
