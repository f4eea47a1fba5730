package io.unikernel.demo.bench;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.launcher.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.launcher.ManagedContainers;
import io.unikernel.demo.launcher.RunOptionsParser;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The unikernels under this machine's accelerator (TCG here): time from {@code docker-unikernel
 * run} to the first real answer, QEMU's peak RSS, the host CPU an idle guest costs, and how many
 * nginx guests fit at once with how much host memory.
 *
 * <p>Usage: {@code UnikernelBenchmark [DENSITY [HTTPD_DENSITY]]} (default 32 nginx and 100 httpd guests;
 * 0 skips them).
 */
public final class UnikernelBenchmark {
    private static final String SESSION = "unikernel-benchmark";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int KEEP_ALIVE_CLIENTS = 8;
    private static final Duration THROUGHPUT_SPAN = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final Launcher launcher;
    private final ContainerEngine engine;

    private UnikernelBenchmark(ContainerEngine engine, String dnsServer) {
        this.engine = engine;
        this.launcher = new Launcher(engine, HostPaths.real(), () -> Optional.of(dnsServer), SESSION);
    }

    public static void main(String[] args) throws Exception {
        int density = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int httpdDensity = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dnsState = Files.createTempDirectory("unikernel-benchmark-dns");
        try (ContainerEngine engine = ContainerEngine.connect();
             ContainerDns dns = ContainerDns.start(engine.client(), ContainerDns.Options.defaults().withStateDir(dnsState))) {
            // nginx-fastcgi finds its php unikernel by name, as in the demo.
            UnikernelBenchmark bench = new UnikernelBenchmark(engine, dns.address().getAddress().getHostAddress());
            try {
                bench.warmUp();
                bench.single("nginx", "unikernel/nginx", ip -> http(ip, "/"));
                bench.single("httpd (our own unikernel; targets: run -> 200 <= 0.5 s, RSS <= 48 MiB, idle <= 0.2 %)",
                        "unikernel/httpd", ip -> http(ip, "/"));
                bench.throughput("httpd (target >= 5,000/s)", "unikernel/httpd");
                bench.throughput("nginx", "unikernel/nginx");
                bench.single("nginx on Debian's generic kernel", "unikernel/nginx:debian-kernel", ip -> http(ip, "/"));
                bench.single("mysql", "unikernel/mysql", UnikernelBenchmark::sqlRow);
                bench.phpPair();
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

    /** Requests per second for a small page with KEEP_ALIVE_CLIENTS clients, each on one connection. */
    private void throughput(String label, String image) throws Exception {
        Launched launched = launcher.launch(RunOptionsParser.parse(List.of(image)));
        String ip = launched.network().address().getHostAddress();
        await(address -> http(address, "/"), ip);
        long deadline = System.nanoTime() + THROUGHPUT_SPAN.toNanos();
        List<Thread> clients = new ArrayList<>();
        long[] counts = new long[KEEP_ALIVE_CLIENTS];
        for (int i = 0; i < KEEP_ALIVE_CLIENTS; i++) {
            int slot = i;
            Thread client = new Thread(() -> counts[slot] = keepAliveRequests(ip, deadline), "bench-client-" + i);
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

    private static long keepAliveRequests(String ip, long deadline) {
        long done = 0;
        byte[] request = "GET / HTTP/1.1\r\nHost: bench\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 80), 2000);
            s.setSoTimeout(5000);
            s.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            while (System.nanoTime() < deadline) {
                out.write(request);
                out.flush();
                long length = -1;
                StringBuilder line = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0) {
                    if (c == '\n') {
                        String l = line.toString().strip();
                        if (l.isEmpty()) {
                            break;
                        }
                        if (l.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                            length = Long.parseLong(l.substring(15).strip());
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
                if (c < 0 || length < 0) {
                    break;
                }
                in.skipNBytes(length);
                done++;
            }
        } catch (IOException e) {
            // the count so far stands; a client that could not connect counts nothing
        }
        return done;
    }

    private void density(int count, String image) throws Exception {
        long before = usedMemoryKib();
        List<Launched> guests = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            guests.add(launcher.launch(RunOptionsParser.parse(List.of(image))));
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
        Process client = new ProcessBuilder("mariadb", "-h", ip, "-u", "rump", "-N", "-e",
                "select count(*) from demo.unikernels").redirectErrorStream(true).start();
        return client.waitFor(5, TimeUnit.SECONDS) && client.exitValue() == 0
                && !new String(client.getInputStream().readAllBytes()).isBlank();
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
