package io.unikernel.demo.bench;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptionsParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The unikernels under this machine's accelerator (TCG here): time from {@code docker-unikernel
 * run} to the first real answer, with /dev/kvm present and with it hidden from the launcher
 * (a KVM that cannot run guests must cost a launch nothing once the host's verdict is known),
 * QEMU's peak RSS, the host CPU an idle guest costs, and how many nginx guests fit at once with
 * how much host memory.
 *
 * <p>Usage: {@code UnikernelBenchmark [DENSITY [HTTPD_DENSITY]]} (default 32 nginx and 100 httpd guests;
 * 0 skips them).
 */
public final class UnikernelBenchmark {
    private static final String SESSION = "unikernel-benchmark";
    private static final int KEEP_ALIVE_CLIENTS = 8;
    private static final Duration THROUGHPUT_SPAN = Duration.ofSeconds(10);
    private static final int ROUNDS = 3;
    private static final int HTTP_PORT = 80;

    private final Launcher launcher;
    private final Launcher withoutKvm;
    private final ContainerEngine engine;

    private UnikernelBenchmark(ContainerEngine engine, String dnsServer) {
        this.engine = engine;
        this.launcher = new Launcher(engine, HostPaths.real(), () -> Optional.of(dnsServer), SESSION);
        this.withoutKvm = new Launcher(engine, HostPaths.real().withoutKvm(), () -> Optional.of(dnsServer), SESSION);
    }

    public static void main(String[] args) throws Exception {
        int density = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int httpdDensity = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dnsState = Files.createTempDirectory("unikernel-benchmark-dns");
        try (ContainerEngine engine = ContainerEngine.connect();
             ContainerDns dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withStateDir(dnsState))) {
            // nginx-fastcgi finds its php unikernel by name, as in the demo.
            UnikernelBenchmark bench = new UnikernelBenchmark(engine, dns.address().getAddress().getHostAddress());
            try {
                bench.warmUp();
                bench.single("nginx", "unikernel/nginx", ip -> GuestAnswers.http(ip, "/"));
                bench.single("httpd (our own unikernel; targets: run -> 200 <= 0.5 s, RSS <= 48 MiB, idle <= 0.2 %)",
                        "unikernel/httpd", ip -> GuestAnswers.http(ip, "/"));
                bench.throughput("httpd (target >= 5,000/s)", "unikernel/httpd");
                bench.throughput("nginx", "unikernel/nginx");
                bench.single("nginx on Debian's generic kernel", "unikernel/nginx:debian-kernel", ip -> GuestAnswers.http(ip, "/"));
                bench.single("mysql", "unikernel/mysql", GuestAnswers::sqlRow);
                bench.phpPair();
                bench.kvmPresentAgainstHidden();
                if (density > 0) {
                    bench.density(density, "unikernel/nginx");
                }
                if (httpdDensity > 0) {
                    bench.density(httpdDensity, "unikernel/httpd"); // target: 100 answering, <= 6 GiB
                }
            } finally {
                bench.cleanUp();
            }
        }
    }

    /**
     * Launches not measured: the JVM's first launch pays for loading and compiling the launcher,
     * and the host's KVM verdict is decided here (by a probe guest) if no cached one holds.
     */
    private void warmUp() throws Exception {
        Launched first = launcher.launch(RunOptionsParser.parse(List.of("unikernel/nginx")));
        System.out.printf("warm-up: the host's KVM verdict took %.2f s of the first launch; guests under %s%n",
                first.timings().nanosOf("kvm") / 1e9, accelerator(first));
        cleanUp();
        withoutKvm.launch(RunOptionsParser.parse(List.of("unikernel/nginx")));
        cleanUp();
    }

    /** One guest: launch → first answer, then 10 s idle, then its peak RSS. */
    private void single(String label, String image, GuestAnswers.Probe probe) throws Exception {
        long t0 = System.nanoTime();
        Launched launched = launcher.launch(RunOptionsParser.parse(List.of(image)));
        String ip = launched.network().address().getHostAddress();
        GuestAnswers.await(probe, ip);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report(label, seconds, qemu(launched));
        cleanUp();
    }

    private void phpPair() throws Exception {
        long t0 = System.nanoTime();
        List<Launched> pair = launchPhpPair(launcher);
        double seconds = (System.nanoTime() - t0) / 1e9;
        GuestProcess phpQemu = qemu(pair.get(0));
        report("php pair (php)", seconds, phpQemu);
        System.out.printf("  php pair (nginx-fastcgi): peak RSS %d MiB%n", qemu(pair.get(1)).peakRssKib() / 1024);
        cleanUp();
    }

    /** php, then nginx-fastcgi, answering /index.php through php. */
    private List<Launched> launchPhpPair(Launcher with) throws Exception {
        Launched php = with.launch(RunOptionsParser.parse(List.of("--name", "php", "-h", "php", "unikernel/php")));
        // Both boot at once: nginx only resolves "php" at start-up, and our DNS knows the name
        // from the moment Docker starts the container.
        Launched nginx = with.launch(RunOptionsParser.parse(List.of("unikernel/nginx-fastcgi")));
        GuestAnswers.await(ip -> GuestAnswers.http(ip, "/index.php"), nginx.network().address().getHostAddress());
        return List.of(php, nginx);
    }

    /**
     * Time to the first answer with the host's /dev/kvm given to the launcher and hidden from it,
     * alternating so that a change in the host's load hits both alike; the median of ROUNDS each.
     */
    private void kvmPresentAgainstHidden() throws Exception {
        System.out.println("run -> first answer, /dev/kvm present vs hidden from the launcher (median of " + ROUNDS + "):");
        compare("nginx", with -> awaitOne(with, "unikernel/nginx", ip -> GuestAnswers.http(ip, "/")));
        compare("mysql", with -> awaitOne(with, "unikernel/mysql", GuestAnswers::sqlRow));
        compare("php pair", this::launchPhpPair);
    }

    private void compare(String label, Scenario scenario) throws Exception {
        List<Double> present = new ArrayList<>();
        List<Double> hidden = new ArrayList<>();
        String accelerator = "-";
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            List<Launched> launched = scenario.run(launcher);
            present.add((System.nanoTime() - t0) / 1e9);
            accelerator = accelerator(launched.get(0));
            cleanUp();
            t0 = System.nanoTime();
            scenario.run(withoutKvm);
            hidden.add((System.nanoTime() - t0) / 1e9);
            cleanUp();
        }
        double p = median(present);
        double h = median(hidden);
        System.out.printf("  %-8s present %.2f s (guests under %s), hidden %.2f s: %+.1f %%%n",
                label, p, accelerator, h, (p - h) / h * 100);
    }

    private List<Launched> awaitOne(Launcher with, String image, GuestAnswers.Probe probe) throws Exception {
        Launched launched = with.launch(RunOptionsParser.parse(List.of(image)));
        GuestAnswers.await(probe, launched.network().address().getHostAddress());
        return List.of(launched);
    }

    /** The accelerator QEMU really uses, as the runner recorded it. */
    private String accelerator(Launched launched) throws IOException {
        int runner = engine.inspect(launched.containerId()).orElseThrow().pid();
        return Files.readString(Path.of("/proc", Integer.toString(runner), "root/run/unikernel/accelerator")).strip();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @FunctionalInterface
    private interface Scenario {
        List<Launched> run(Launcher with) throws Exception;
    }

    /** Requests per second for a small page with KEEP_ALIVE_CLIENTS clients, each on one connection. */
    private void throughput(String label, String image) throws Exception {
        Launched launched = launcher.launch(RunOptionsParser.parse(List.of(image)));
        String ip = launched.network().address().getHostAddress();
        GuestAnswers.await(address -> GuestAnswers.http(address, "/"), ip);
        long deadline = System.nanoTime() + THROUGHPUT_SPAN.toNanos();
        List<Thread> clients = new ArrayList<>();
        long[] counts = new long[KEEP_ALIVE_CLIENTS];
        for (int i = 0; i < KEEP_ALIVE_CLIENTS; i++) {
            int slot = i;
            Thread client = new Thread(() -> counts[slot] = KeepAliveClient.requests(ip, HTTP_PORT, deadline), "bench-client-" + i);
            client.start();
            clients.add(client);
        }
        for (Thread t : clients) {
            t.join();
        }
        long total = Arrays.stream(counts).sum();
        System.out.printf("%s: %.0f requests/s for / with %d keep-alive clients over %d s%n", label,
                total / (double) THROUGHPUT_SPAN.toSeconds(), KEEP_ALIVE_CLIENTS, THROUGHPUT_SPAN.toSeconds());
        cleanUp();
    }

    private void density(int count, String image) throws Exception {
        long before = usedMemoryKib();
        List<Launched> guests = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            guests.add(launcher.launch(RunOptionsParser.parse(List.of(image))));
        }
        for (Launched g : guests) {
            GuestAnswers.await(ip -> GuestAnswers.http(ip, "/"), g.network().address().getHostAddress());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int answering = 0;
        for (Launched g : guests) {
            answering += GuestAnswers.http(g.network().address().getHostAddress(), "/") ? 1 : 0;
        }
        long grown = usedMemoryKib() - before;
        System.out.printf("density: %d %s guests launched, %d answering HTTP after %.1f s; host used memory grew by %.2f GiB (%.0f MiB per guest)%n",
                count, image, answering, seconds, grown / 1048576.0, grown / 1024.0 / count);
        cleanUp();
    }

    private void report(String label, double seconds, GuestProcess qemu) throws Exception {
        double cpu0 = qemu.cpuSeconds();
        Thread.sleep(10_000);
        double idle = (qemu.cpuSeconds() - cpu0) / 10.0 * 100.0;
        System.out.printf("%s: run -> first answer %.2f s; QEMU peak RSS %d MiB; idle CPU %.2f %% of a core over 10 s%n",
                label, seconds, qemu.peakRssKib() / 1024, idle);
    }

    private GuestProcess qemu(Launched launched) throws IOException {
        int runner = engine.inspect(launched.containerId()).orElseThrow().pid();
        return new GuestProcess(GuestProcess.qemuOf(runner).orElseThrow(() ->
                new IOException("no QEMU process under the runner of " + launched.name())));
    }

    private void cleanUp() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
    }

    private static long usedMemoryKib() throws IOException {
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = Long.parseLong(line.split("\\s+")[1]);
            } else if (line.startsWith("MemAvailable:")) {
                available = Long.parseLong(line.split("\\s+")[1]);
            }
        }
        return total - available;
    }
}
