package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.host.Privileges;
import io.unikernel.demo.images.BuildProgress;
import io.unikernel.demo.images.BuiltImage;
import io.unikernel.demo.images.GuestKernel;
import io.unikernel.demo.images.UnikernelImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code docker-unikernel build}: the unikernel images from Debian packages, without a registry. */
@Command(name = "build", sortOptions = false, sortSynopsis = false, description = {
        BuildCommand.SUMMARY,
        "",
        "Builds the guest kernel (once, about 4 minutes on 2 cores), the guest init, a Debian build root with the "
                + "applications, and one Docker image per unikernel. Everything is cached by content: images whose "
                + "inputs did not change are not rebuilt. Nothing comes from a container registry; the first build "
                + "fetches Debian packages from the mirrors."},
        footer = {"", "Cache: $UNIKERNEL_CACHE, default /var/cache/docker-unikernel."})
final class BuildCommand implements Action {
    static final String SUMMARY = "Build unikernel images (unikernel/NAME) from Debian packages, no registry";
    @Option(names = "--kernel", paramLabel = "minimal|debian", description = {
            "minimal: our minimal kernel (default), images unikernel/NAME:latest",
            "debian: Debian's generic kernel, for comparison, images unikernel/NAME:debian-kernel"})
    private String kernel = "minimal";

    @Option(names = "--all", description = "Build every unikernel under unikernels/")
    private boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The unikernels to build (unikernel/ may prefix them)")
    private List<String> names = new ArrayList<>();

    @Mixin
    private HelpOption help;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        Privileges.requireRoot();
        GuestKernel kernel = kernel(this.kernel);
        if (all == !names.isEmpty()) {
            throw new UserError("\"build\" needs either unikernel names or --all (see 'docker-unikernel build --help')",
                    ParsedCommand.USAGE_ERROR, null);
        }
        List<String> names = this.names.stream()
                .map(n -> n.startsWith(UnikernelImages.PREFIX) ? n.substring(UnikernelImages.PREFIX.length()) : n).toList();
        try (ContainerEngine engine = ContainerEngine.connect()) {
            UnikernelImages images = new UnikernelImages(home(), cache(), engine.imageBuilds());
            List<String> targets = all ? images.names() : names;
            long started = System.nanoTime();
            List<BuiltImage> built = images.build(targets, kernel, progressOn(err));
            for (BuiltImage image : built) {
                out.printf("%-30s %-10s payload %6.1f MB   image %6.1f MB   %5.1f s%n", image.tag(),
                        image.rebuilt() ? "built" : "up to date", image.payloadBytes() / 1e6, image.imageBytes() / 1e6,
                        image.took().toMillis() / 1000.0);
            }
            out.printf("total %.1f s%n", (System.nanoTime() - started) / 1e9);
        }
        return 0;
    }

    private static GuestKernel kernel(String name) {
        return switch (name) {
            case "minimal" -> GuestKernel.MINIMAL;
            case "debian" -> GuestKernel.DEBIAN;
            default -> throw new UserError("--kernel takes minimal or debian, not '" + name + "'", ParsedCommand.USAGE_ERROR, null);
        };
    }

    /** One line that updates in place on a terminal; plain lines otherwise (logs, CI). */
    private static BuildProgress progressOn(PrintStream err) {
        boolean terminal = System.console() != null;
        return (image, phase, percent) -> {
            String line = String.format("[%3d%%] %s: %s", percent, image, phase);
            if (terminal) {
                int width = 100;
                err.print("\r" + (line.length() > width ? line.substring(0, width) : String.format("%-" + width + "s", line)));
                if (percent == 100) {
                    err.println();
                }
            } else {
                err.println(line);
            }
        };
    }

    static Path home() {
        return Path.of(System.getProperty("unikernel.home", ".")).toAbsolutePath().normalize();
    }

    static Path cache() {
        return UnikernelImages.defaultCache();
    }
}
