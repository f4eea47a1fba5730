package io.unikernel.demo.cli;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.preflight.Check;
import io.unikernel.demo.preflight.Preflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** {@code docker-unikernel preflight}: whether this host can run the demo, and what to fix. */
@Command(name = "preflight", sortOptions = false, sortSynopsis = false, description = {
        PreflightCommand.SUMMARY,
        "",
        "Checks this host and prints one line per check, with the fix for each problem:",
        "  ✔ ready   ! works, less well (e.g. no KVM: guests run under TCG)   ✘ must be fixed",
        "root, the Docker daemon, the macvtap module, KVM (by booting a probe guest with it once per host; the "
                + "verdict is kept in /var/cache/docker-unikernel/kvm-verdict.properties), the images unikernel/IMAGE "
                + "(default: every unikernel under unikernels/), port 53 on the docker bridge for the DNS server, "
                + "available memory (2 GiB) and disk space where Docker keeps its images (5 GiB)."},
        footer = {"", "Exit status: 0 when nothing must be fixed, 1 otherwise."})
final class PreflightCommand implements Action {
    static final String SUMMARY = "Check that this host can run the demo (root, Docker, macvtap, KVM, images, port 53, memory, disk)";
    private final HostPaths host = HostPaths.real();

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "The images to look for (default: every unikernel)")
    private List<String> images = new ArrayList<>();

    @Mixin
    private HelpOption help;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        List<String> images = this.images.isEmpty() ? UnikernelImages.names(BuildCommand.home()) : this.images;
        List<Check> checks = new Preflight(host, images).run(check -> {
            out.println(check.line());
            out.flush();
        });
        return Preflight.passed(checks) ? 0 : 1;
    }
}
