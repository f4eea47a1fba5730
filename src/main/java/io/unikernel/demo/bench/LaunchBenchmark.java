package io.unikernel.demo.bench;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.FirstStartProbe;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.runtime.RuntimeRegistration;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Launch cost against plain {@code docker run -d} of the same image, measured in one run and
 * interleaved so both see the same machine: the plumbing (container running → /dev/tap0
 * created), the in-process launch, the CLI (JVM start-up included), and {@code docker run
 * --runtime unikernel} (our OCI runtime: runc plus a JVM that plumbs during create). The CLI is
 * measured twice: through the resident helper (started by bench/launch.sh) and with
 * UNIKERNEL_RUN_HELPER=off, a JVM of its own. With HTTP images, also the time from the command's
 * start to each guest's first HTTP 200, each way.
 * First, in fresh JVMs, one create+start through the gateway's REST path and one through
 * docker-java's commands ({@link FirstStartProbe}): what keeps the two call styles.
 *
 * <p>Usage: {@code LaunchBenchmark IMAGE [N] [CLI] [HTTP-IMAGE...]}; CLI is the path of
 * ./docker-unikernel; the runtime is measured when dockerd lists it.
 */
public final class LaunchBenchmark {
    private static final String SESSION = "launch-benchmark";
    private static final String CLI_OWN_JVM = "docker-unikernel run (CLI, a JVM of its own)";
    private static final String CLI_HELPER = "docker-unikernel run (CLI, through the helper)";
    private static final int HTTP_PORT = 80;
    private static final Duration HTTP_WAIT = Duration.ofSeconds(60);
    /** Fresh JVMs per call style for the first create+start: each costs a JVM start. */
    private static final int FRESH_JVMS = 5;

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
        List<String> httpImages = args.length > 3 ? List.of(args).subList(3, args.length) : List.of();

        List<Long> plumbing = new ArrayList<>();
        List<Long> runningToTap = new ArrayList<>();
        List<Long> inProcess = new ArrayList<>();
        List<Long> plain = new ArrayList<>();
        List<Long> viaCli = new ArrayList<>();
        List<Long> viaHelper = new ArrayList<>();
        List<Long> viaRuntime = new ArrayList<>();
        Map<String, Map<String, List<Long>>> toHttp = new LinkedHashMap<>();
        List<Long> firstViaRest = new ArrayList<>();
        List<Long> firstViaDockerJava = new ArrayList<>();
        for (int i = 0; i < Math.min(n, FRESH_JVMS); i++) {
            firstViaRest.add(firstStartInFreshJvm(FirstStartProbe.REST, image));
            firstViaDockerJava.add(firstStartInFreshJvm(FirstStartProbe.DOCKER_JAVA, image));
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            boolean runtime = engine.daemonInfo().runtimes().containsKey(RuntimeRegistration.NAME);
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
                    id = exec(ownJvm(cli.get(), "run", image)).strip();
                    viaCli.add(System.nanoTime() - t0);
                    engine.remove(id, true);

                    t0 = System.nanoTime();
                    id = exec(cli.get().toString(), "run", image).strip();
                    viaHelper.add(System.nanoTime() - t0);
                    engine.remove(id, true);
                }

                if (runtime) {
                    t0 = System.nanoTime();
                    id = exec("docker", "run", "-d", "--runtime", RuntimeRegistration.NAME, image).strip();
                    viaRuntime.add(System.nanoTime() - t0);
                    engine.remove(id, true);
                }
            }
            for (String httpImage : httpImages) {
                Map<String, List<Long>> ways = toHttp.computeIfAbsent(httpImage, k -> new LinkedHashMap<>());
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    Launched launched = launcher.launch(RunOptions.of(httpImage));
                    ways.computeIfAbsent("in-process launch", k -> new ArrayList<>())
                            .add(FirstAnswer.await(launched.network().address().getHostAddress(), HTTP_PORT, HTTP_WAIT) - t0);
                    ours.removeAll(Optional.of(SESSION));
                    if (cli.isPresent()) {
                        ways.computeIfAbsent(CLI_OWN_JVM, k -> new ArrayList<>()).add(timeToHttp(engine, ownJvm(cli.get(), "run", httpImage)));
                        ways.computeIfAbsent(CLI_HELPER, k -> new ArrayList<>()).add(timeToHttp(engine, cli.get().toString(), "run", httpImage));
                    }
                    if (runtime) {
                        ways.computeIfAbsent("docker run --runtime " + RuntimeRegistration.NAME, k -> new ArrayList<>())
                                .add(timeToHttp(engine, "docker", "run", "-d", "--runtime", RuntimeRegistration.NAME, httpImage));
                    }
                }
            }
        }
        System.out.printf("launches: %d of %s%n", n, image);
        System.out.printf("plumbing (netns work, macvtap..mknod): median %.1f ms, worst %.1f ms%n", median(plumbing), worst(plumbing));
        System.out.printf("container running -> /dev/tap0 created: median %.1f ms, worst %.1f ms%n", median(runningToTap), worst(runningToTap));
        System.out.printf("plain docker run -d: median %.1f ms%n", median(plain));
        System.out.printf("in-process launch: median %.1f ms, ratio %.2f x plain docker run -d%n", median(inProcess), median(inProcess) / median(plain));
        if (!viaCli.isEmpty()) {
            System.out.printf("%s: median %.1f ms, ratio %.2f x plain docker run -d%n", CLI_OWN_JVM, median(viaCli), median(viaCli) / median(plain));
            System.out.printf("%s: median %.1f ms, ratio %.2f x plain docker run -d%n", CLI_HELPER, median(viaHelper), median(viaHelper) / median(plain));
        }
        if (!viaRuntime.isEmpty()) {
            System.out.printf("docker run -d --runtime %s: median %.1f ms, worst %.1f ms, ratio %.2f x plain docker run -d%n",
                    RuntimeRegistration.NAME, median(viaRuntime), worst(viaRuntime), median(viaRuntime) / median(plain));
        }
        System.out.printf("first create+start in a fresh JVM: REST (EngineApi) median %.1f ms, docker-java median %.1f ms (%d JVMs each)%n",
                median(firstViaRest), median(firstViaDockerJava), firstViaRest.size());
        toHttp.forEach((h, ways) -> ways.forEach((way, nanos) -> System.out.printf(
                "%s of %s -> first HTTP 200: median %.1f ms, worst %.1f ms%n", way, h, median(nanos), worst(nanos))));
    }

    /** The CLI told to leave the resident helper alone: the way a run goes when no helper is up. */
    private static String[] ownJvm(Path cli, String... args) {
        List<String> command = new ArrayList<>(List.of("env", "UNIKERNEL_RUN_HELPER=off", cli.toString()));
        command.addAll(List.of(args));
        return command.toArray(String[]::new);
    }

    /** Runs a command that prints a container id, then waits for that container's guest to answer. */
    private static long timeToHttp(ContainerEngine engine, String... command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        String id = exec(command).strip();
        try {
            String ip = engine.inspect(id).flatMap(c -> c.ipAddress())
                    .orElseThrow(() -> new IOException(id + " has no IP address"));
            return FirstAnswer.await(ip, HTTP_PORT, HTTP_WAIT) - t0;
        } finally {
            engine.remove(id, true);
        }
    }

    /** A new JVM on this classpath that creates and starts one container by WAY; its own figure, from its main on. */
    private static long firstStartInFreshJvm(String way, String image) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return Long.parseLong(exec(java, "-cp", System.getProperty("java.class.path"),
                FirstStartProbe.class.getName(), way, image).strip());
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
