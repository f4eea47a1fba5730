package io.unikernel.demo.bench;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.launcher.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.launcher.ManagedContainers;
import io.unikernel.demo.launcher.RunOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Launch cost against plain {@code docker run -d} of the same image, measured in one run and
 * interleaved so both see the same machine: the plumbing (container running → /dev/tap0
 * created), the in-process launch, and the CLI (JVM start-up included).
 *
 * <p>Usage: {@code LaunchBenchmark IMAGE [N] [CLI]}; CLI is the path of ./docker-unikernel.
 */
public final class LaunchBenchmark {
    private static final String SESSION = "launch-benchmark";

    private LaunchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: LaunchBenchmark IMAGE [N] [PATH-TO-docker-unikernel]");
            System.exit(2);
        }
        String image = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Optional<Path> cli = args.length > 2 ? Optional.of(Path.of(args[2])) : Optional.empty();

        List<Long> plumbing = new ArrayList<>();
        List<Long> runningToTap = new ArrayList<>();
        List<Long> inProcess = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        List<Long> viaCli = new ArrayList<>();
        try (ContainerEngine engine = ContainerEngine.connect()) {
            Launcher launcher = new Launcher(engine, HostPaths.real(), Optional::empty, SESSION);
            ManagedContainers ours = new ManagedContainers(engine, HostPaths.real());
            warmUp(launcher, ours, image);
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                String id = exec("docker", "run", "-d", image).strip();
                plain.add(System.nanoTime() - t0);
                engine.remove(id, true);

                t0 = System.nanoTime();
                Launched launched = launcher.launch(RunOptions.of(image));
                inProcess.add(System.nanoTime() - t0);
                plumbing.add(launched.timings().nanosOf("plumbing"));
                runningToTap.add(launched.timings().nanosOf("inspect") + launched.timings().nanosOf("plumbing"));
                ours.removeAll(Optional.of(SESSION));

                if (cli.isPresent()) {
                    t0 = System.nanoTime();
                    id = exec(cli.get().toString(), "run", image).strip();
                    viaCli.add(System.nanoTime() - t0);
                    engine.remove(id, true);
                }
            }
        }
        System.out.printf("launches: %d of %s%n", n, image);
        System.out.printf("plumbing (netns work, macvtap..mknod): median %.1f ms, worst %.1f ms%n", median(plumbing), worst(plumbing));
        System.out.printf("container running -> /dev/tap0 created: median %.1f ms, worst %.1f ms%n", median(runningToTap), worst(runningToTap));
        System.out.printf("plain docker run -d: median %.1f ms%n", median(plain));
        System.out.printf("in-process launch: median %.1f ms, ratio %.2f x plain docker run -d%n", median(inProcess), median(inProcess) / median(plain));
        if (!viaCli.isEmpty()) {
            System.out.printf("docker-unikernel run (CLI): median %.1f ms, ratio %.2f x plain docker run -d%n", median(viaCli), median(viaCli) / median(plain));
        }
    }

    private static void warmUp(Launcher launcher, ManagedContainers ours, String image) throws Exception {
        launcher.launch(RunOptions.of(image));
        ours.removeAll(Optional.of(SESSION));
    }

    private static String exec(String... command) throws IOException, InterruptedException {
        return HelperCommand.output(HelperCommand.TIMEOUT, command);
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int m = sorted.size() / 2;
        double v = sorted.size() % 2 == 1 ? sorted.get(m) : (sorted.get(m - 1) + sorted.get(m)) / 2.0;
        return v / 1e6;
    }

    private static double worst(List<Long> nanos) {
        return Collections.max(nanos) / 1e6;
    }
}
