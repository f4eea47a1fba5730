package io.unikernel.demo.cli;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.preflight.Check;
import io.unikernel.demo.preflight.Preflight;

import java.io.PrintStream;
import java.util.List;

/** {@code docker-unikernel preflight}: whether this host can run the demo, and what to fix. */
public final class PreflightCommand implements Command {
    private final HostPaths host;

    public PreflightCommand() {
        this(HostPaths.real());
    }

    PreflightCommand(HostPaths host) {
        this.host = host;
    }

    @Override
    public String name() {
        return "preflight";
    }

    @Override
    public String summary() {
        return "Check that this host can run the demo (root, Docker, macvtap, KVM, images, port 53, memory, disk)";
    }

    @Override
    public String usage() {
        return """
                Usage: docker-unikernel preflight [IMAGE...]

                Checks this host and prints one line per check, with the fix for each problem:
                  ✔ ready   ! works, less well (e.g. no KVM: guests run under TCG)   ✘ must be fixed
                root, the Docker daemon, the macvtap module, KVM (by booting a probe guest with it once
                per host; the verdict is kept in /var/cache/docker-unikernel/kvm-verdict.properties), the
                images unikernel/IMAGE (default: every unikernel under unikernels/), port 53 on the
                docker bridge for the DNS server, available memory (2 GiB) and disk space where Docker
                keeps its images (5 GiB).

                Exit status: 0 when nothing must be fixed, 1 otherwise.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                throw new UserError("unknown flag: " + arg + " (see 'docker-unikernel preflight --help')", 125, null);
            }
        }
        List<String> images = args.isEmpty() ? UnikernelImages.names(BuildCommand.home()) : args;
        List<Check> checks = new Preflight(host, images).run(check -> {
            out.println(check.line());
            out.flush();
        });
        return Preflight.passed(checks) ? 0 : 1;
    }

}
