package io.unikernel.demo.bench;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostProcess;
import io.unikernel.demo.host.ProcessSpec;
import io.unikernel.demo.launcher.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.launcher.ManagedContainers;
import io.unikernel.demo.launcher.RunOptionsParser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The unikernels under this machine's accelerator (TCG here): time from {@code docker-unikernel
 * run} to the first real answer, QEMU's peak RSS, the host CPU an idle guest costs, and how many
 * nginx guests fit at once with how much host memory.
 *
 * <p>Usage: {@code UnikernelBenchmark [DENSITY]} (default 32 nginx guests; 0 skips it).
 */
public final class UnikernelBenchmark {
    private static final String SESSION = "unikernel-benchmark";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SQL_CLIENT_TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final Launcher launcher;
    private final ContainerEngine engine;

    private UnikernelBenchmark(ContainerEngine engine, String dnsServer) {
        this.engine = engine;
        this.launcher = new Launcher(engine, HostPaths.real(), () -> Optional.of(dnsServer), SESSION);
    }

    public static void main(String[] args) throws Exception {
        int density = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        Path dnsState = Files.createTempDirectory("unikernel-benchmark-dns");
        try (ContainerEngine engine = ContainerEngine.connect();
             ContainerDns dns = ContainerDns.start(engine.client(), ContainerDns.Options.defaults().withStateDir(dnsState))) {
            // nginx-fastcgi finds its php unikernel by name, as in the demo.
            UnikernelBenchmark bench = new UnikernelBenchmark(engine, dns.address().getAddress().getHostAddress());
            try {
                bench.warmUp();
                bench.single("nginx", "unikernel/nginx", ip -> http(ip, "/"));
                bench.single("nginx on Debian's generic kernel", "unikernel/nginx:debian-kernel", ip -> http(ip, "/"));
                bench.single("mysql", "unikernel/mysql", UnikernelBenchmark::sqlRow);
                bench.phpPair();
                if (density > 0) {
                    bench.density(density);
                }
            } finally {
                bench.cleanUp();
            }
        }
    }

    /** One launch not measured: the JVM's first launch pays for loading and compiling the launcher. */
    private void warmUp() throws Exception {
        launcher.launch(RunOptionsParser.parse(List.of("unikernel/nginx")));
        cleanUp();
    }

    /** One guest: launch → first answer, then 10 s idle, then its peak RSS. */
    private void single(String label, String image, Probe probe) throws Exception {
        long t0 = System.nanoTime();
        Launched launched = launcher.launch(RunOptionsParser.parse(List.of(image)));
        String ip = launched.network().address().getHostAddress();
        await(probe, ip);
        double seconds = (System.nanoTime() - t0) / 1e9;
        report(label, seconds, qemu(launched));
        cleanUp();
    }

    private void phpPair() throws Exception {
        long t0 = System.nanoTime();
        Launched php = launcher.launch(RunOptionsParser.parse(List.of("--name", "php", "-h", "php", "unikernel/php")));
        // Both boot at once: nginx only resolves "php" at start-up, and our DNS knows the name
        // from the moment Docker starts the container.
        Launched nginx = launcher.launch(RunOptionsParser.parse(List.of("unikernel/nginx-fastcgi")));
        await(ip -> http(ip, "/index.php"), nginx.network().address().getHostAddress());
        double seconds = (System.nanoTime() - t0) / 1e9;
        GuestProcess phpQemu = qemu(php);
        report("php pair (php)", seconds, phpQemu);
        System.out.printf("  php pair (nginx-fastcgi): peak RSS %d MiB%n", qemu(nginx).peakRssKib() / 1024);
        cleanUp();
    }

    private void density(int count) throws Exception {
        long before = usedMemoryKib();
        List<Launched> guests = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            guests.add(launcher.launch(RunOptionsParser.parse(List.of("unikernel/nginx"))));
        }
        for (Launched g : guests) {
            await(ip -> http(ip, "/"), g.network().address().getHostAddress());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int answering = 0;
        for (Launched g : guests) {
            answering += http(g.network().address().getHostAddress(), "/") ? 1 : 0;
        }
        long grown = usedMemoryKib() - before;
        System.out.printf("density: %d nginx guests launched, %d answering HTTP after %.1f s; host used memory grew by %.2f GiB (%.0f MiB per guest)%n",
                count, answering, seconds, grown / 1048576.0, grown / 1024.0 / count);
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

    @FunctionalInterface
    private interface Probe {
        boolean answers(String ip) throws Exception;
    }

    private static void await(Probe probe, String ip) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!probe.answers(ip)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no answer from " + ip + " within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    private static boolean http(String ip, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + ip + path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean tcp(String ip, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A row from the real MariaDB client, as a user would see it. */
    private static boolean sqlRow(String ip) throws IOException, InterruptedException {
        if (!tcp(ip, 3306)) {
            return false;
        }
        StringBuilder rows = new StringBuilder();
        try {
            int status = HostProcess.run(ProcessSpec.of("mariadb", "-h", ip, "-u", "rump", "-N", "-e",
                    "select count(*) from demo.unikernels").withTimeout(SQL_CLIENT_TIMEOUT), rows::append, line -> { });
            return status == 0 && !rows.toString().isBlank();
        } catch (IOException e) {
            return false; // timed out: the next probe asks again
        }
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
