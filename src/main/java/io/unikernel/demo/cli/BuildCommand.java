package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.host.Privileges;
import io.unikernel.demo.images.BuildProgress;
import io.unikernel.demo.images.BuiltImage;
import io.unikernel.demo.images.GuestKernel;
import io.unikernel.demo.images.UnikernelImages;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code docker-unikernel build}: the unikernel images from Debian packages, without a registry. */
public final class BuildCommand implements Command {
    @Override
    public String name() {
        return "build";
    }

    @Override
    public String summary() {
        return "Build unikernel images (unikernel/NAME) from Debian packages, no registry";
    }

    @Override
    public String usage() {
        return """
                Usage: docker-unikernel build [--kernel minimal|debian] NAME...
                       docker-unikernel build [--kernel minimal|debian] --all

                Builds the guest kernel (once, about 4 minutes on 2 cores), the guest init, a Debian
                build root with the applications, and one Docker image per unikernel. Everything is
                cached by content: images whose inputs did not change are not rebuilt. Nothing comes
                from a container registry; the first build fetches Debian packages from the mirrors.

                  --kernel minimal   our minimal kernel (default): images unikernel/NAME:latest
                  --kernel debian    Debian's generic kernel, for comparison: unikernel/NAME:debian-kernel
                Cache: $UNIKERNEL_CACHE, default /var/cache/docker-unikernel.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Privileges.requireRoot();
        List<String> names = new ArrayList<>();
        boolean all = false;
        GuestKernel kernel = GuestKernel.MINIMAL;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--kernel")) {
                kernel = kernel(i + 1 < args.size() ? args.get(++i) : "");
            } else if (arg.equals("--all")) {
                all = true;
            } else if (arg.startsWith("-")) {
                throw new UserError("unknown flag: " + arg + " (see 'docker-unikernel build --help')", 125, null);
            } else {
                names.add(arg.startsWith(UnikernelImages.PREFIX) ? arg.substring(UnikernelImages.PREFIX.length()) : arg);
            }
        }
        if (all == !names.isEmpty()) {
            throw new UserError("\"build\" needs either unikernel names or --all (see 'docker-unikernel build --help')", 125, null);
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            UnikernelImages images = new UnikernelImages(home(), cache(), new ImageBuilds(engine.client()));
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
            default -> throw new UserError("--kernel takes minimal or debian, not '" + name + "'", 125, null);
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
