package io.unikernel.demo.bench;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.scene.DemoSession;
import io.unikernel.demo.tui.ConsoleBuffer;
import io.unikernel.demo.tui.LiveBackend;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The demo console on the real backend, drawing on a 200x60 virtual terminal: how fast a guest
 * console of 100,000 lines goes from {@code docker logs} to the screen, how long a key takes to
 * show while it streams, and what the console costs (CPU, heap) idling with four guests running.
 *
 * <p>Usage: {@code ConsoleBenchmark [IMAGE]} (the idle guests' image, default unikernel/nginx).
 * The JVM's -Xmx bounds the heap the figures are read against.
 */
public final class ConsoleBenchmark {
    private static final String SESSION = "console-benchmark";
    private static final String STREAM = "console-benchmark-stream";
    /** Has busybox's seq and sed; its entry point is replaced, so no guest boots. */
    private static final String STREAM_IMAGE = "unikernel/runtime";
    private static final int LINES = 100_000;
    private static final String LAST_LINE = "console line " + LINES;
    private static final int COLUMNS = 200;
    private static final int ROWS = 60;
    private static final String HELP = "any key closes this help";
    private static final Duration KEY_INTERVAL = Duration.ofMillis(100);
    /** A stream takes a second or two here: several give enough keys and a spread. */
    private static final int MIN_STREAMS = 3;
    private static final int MIN_KEYS = 30;
    private static final int GUESTS = 4;
    /** The guests boot and the JIT compiles what a console does all day; then it is idle as on stage. */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final Duration IDLE = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private ConsoleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String image = args.length > 0 ? args[0] : "unikernel/nginx";
        // Ctrl-C must not leave guests running; a fresh connection, as main's may be mid-call.
        Thread cleanUp = new Thread(ConsoleBenchmark::removeOurs, "console-benchmark-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        Path cache = Files.createTempDirectory("console-benchmark");
        try (DemoSession session = new DemoSession(ContainerEngine.connect(), Path.of("").toAbsolutePath(), cache)) {
            stream(session);
            idle(session, image);
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
            removeOurs();
            Files.deleteIfExists(cache);
        }
    }

    /** One stream of {@link #LINES} lines: how long until the last is on screen, in how many frames. */
    private record StreamRun(double seconds, long frames, List<Long> keyNanos) {
    }

    /**
     * Streams until enough keys were timed; the figures are those of the median stream. The first
     * stream is not counted: it pays for loading and compiling the console's code (the first '?'
     * draws the help for the first time) and for the first collections touching fresh heap.
     */
    private static void stream(DemoSession session) throws Exception {
        StreamRun warmUp = streamOnce(session, STREAM + "-warm-up");
        System.out.printf("warm-up stream (not counted): %d lines in %.2f s, key to screen median %.1f ms, max %.1f ms%n",
                LINES, warmUp.seconds(), percentile(warmUp.keyNanos(), 50), percentile(warmUp.keyNanos(), 100));
        List<StreamRun> runs = new ArrayList<>();
        List<Long> keys = new ArrayList<>();
        while (runs.size() < MIN_STREAMS || keys.size() < MIN_KEYS) {
            StreamRun run = streamOnce(session, STREAM + "-" + (runs.size() + 1));
            runs.add(run);
            keys.addAll(run.keyNanos());
        }
        runs.sort(Comparator.comparingDouble(StreamRun::seconds));
        StreamRun median = runs.get(runs.size() / 2);
        System.out.printf("console stream: %d lines in %.2f s = %.0f lines/s rendered (%d frames); median of %d streams, %.2f-%.2f s%n",
                LINES, median.seconds(), LINES / median.seconds(), median.frames(), runs.size(),
                runs.get(0).seconds(), runs.get(runs.size() - 1).seconds());
        System.out.printf("key to screen while streaming: median %.1f ms, p95 %.1f ms, max %.1f ms over %d keys (target < 50 ms)%n",
                percentile(keys, 50), percentile(keys, 95), percentile(keys, 100), keys.size());
    }

    /**
     * A container prints the lines once the console follows it (a gate file on a bind mount, so
     * that none are printed before and all come through the follow rather than its tail), and
     * keys are pressed every {@link #KEY_INTERVAL} until the last line is on screen.
     */
    private static StreamRun streamOnce(DemoSession session, String name) throws Exception {
        Path gate = Files.createTempDirectory("console-benchmark-gate");
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        try {
            exec("docker", "run", "-d", "--name", name, "--label", Labels.MANAGED + "=true",
                    "--label", Labels.SESSION + "=" + SESSION, "-v", gate + ":/gate", "--entrypoint", "sh", STREAM_IMAGE, "-c",
                    "while [ ! -e /gate/go ]; do sleep 0.01; done; seq 1 " + LINES + " | sed 's/^/console line /'; exec sleep 3600");
            try (LiveBackend backend = new LiveBackend(session); VirtualScreen screen = new VirtualScreen(COLUMNS, ROWS, backend)) {
                awaitGuest(backend, name);
                screen.console().showConsole(name);
                screen.await(() -> screen.text().contains("Console: " + name), PATIENCE, "the stream's console");
                ConsoleBuffer buffer = backend.console(name);
                long frames0 = screen.frames();
                long t0 = System.nanoTime();
                Files.createFile(gate.resolve("go"));
                // The buffer is checked first: reading the screen back costs, and takes the terminal's lock.
                Future<Long> shown = watcher.submit(() -> screen.await(
                        () -> buffer.total() == LINES && screen.text().contains(LAST_LINE), PATIENCE, "\"" + LAST_LINE + "\""));
                List<Long> keys = pressKeys(screen, shown);
                return new StreamRun((shown.get() - t0) / 1e9, screen.frames() - frames0, keys);
            }
        } finally {
            watcher.shutdownNow();
            removeOurs();
            Files.deleteIfExists(gate.resolve("go"));
            Files.deleteIfExists(gate);
        }
    }

    /** '?' opens the help, the next key closes it: each is timed from the key to the change on screen. */
    private static List<Long> pressKeys(VirtualScreen screen, Future<Long> done) throws Exception {
        List<Long> nanos = new ArrayList<>();
        boolean open = false;
        while (!done.isDone() || open) {
            boolean expected = !open;
            long t0 = System.nanoTime();
            screen.type('?');
            long seen = screen.await(() -> screen.text().contains(HELP) == expected, PATIENCE,
                    expected ? "the help" : "the help closed");
            // The key that closes the help after the stream ended is no longer "while it streams".
            if (!done.isDone()) {
                nanos.add(seen - t0);
            }
            open = expected;
            long rest = KEY_INTERVAL.toNanos() - (System.nanoTime() - t0);
            if (rest > 0) {
                TimeUnit.NANOSECONDS.sleep(rest);
            }
        }
        return nanos;
    }

    /** Four guests launched as 'docker-unikernel run' does, the console on them, left alone. */
    private static void idle(DemoSession session, String image) throws Exception {
        Launcher launcher = new Launcher(session.engine(), HostPaths.real(), Optional::empty, SESSION);
        List<Launched> guests = new ArrayList<>();
        for (int i = 0; i < GUESTS; i++) {
            guests.add(launcher.launch(RunOptions.of(image)));
        }
        try (LiveBackend backend = new LiveBackend(session); VirtualScreen screen = new VirtualScreen(COLUMNS, ROWS, backend)) {
            for (Launched guest : guests) {
                awaitGuest(backend, guest.name());
            }
            screen.console().showConsole(guests.get(0).name());
            Thread.sleep(SETTLE.toMillis());
            System.gc();
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            Map<String, Long> threads0 = threadCpuNanos();
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            Thread.sleep(IDLE.toMillis());
            long wall = System.nanoTime() - t0;
            long cpuNanos = processCpuNanos() - cpu0;
            Map<String, Long> threads = threadCpuNanos();
            // Pools peak at different moments: their sum bounds the heap's peak from above.
            long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("idle, %d guests (%s): CPU %.2f %% of a core over %d s, heap %d MiB after GC (peak %d MiB of -Xmx %d MiB)"
                            + " (targets < 2 %%, < 256 MiB)%n", GUESTS, image, 100.0 * cpuNanos / wall, IDLE.toSeconds(),
                    used >> 20, peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println("  CPU by thread: " + byThread(threads0, threads, cpuNanos, wall));
        }
    }

    /** User plus system time of every thread of this JVM: the console's, the GC's, the JIT's. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time so far of each live Java thread, summed by name. */
    private static Map<String, Long> threadCpuNanos() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            long nanos = info == null ? -1 : mx.getThreadCpuTime(info.getThreadId());
            if (nanos >= 0) {
                cpu.merge(info.getThreadName(), nanos, Long::sum);
            }
        }
        return cpu;
    }

    /**
     * The busiest threads over the window, as % of a core; what no Java thread accounts for is the
     * JVM's own (GC, JIT compilers) or threads that ended.
     */
    private static String byThread(Map<String, Long> before, Map<String, Long> after, long total, long wall) {
        List<String> parts = new ArrayList<>();
        long named = 0;
        List<Map.Entry<String, Long>> used = after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Long> e : used) {
            named += e.getValue();
            if (parts.size() < 4) {
                parts.add(String.format("%s %.2f %%", e.getKey(), 100.0 * e.getValue() / wall));
            }
        }
        parts.add(String.format("rest (GC, JIT, ended threads) %.2f %%", 100.0 * (total - named) / wall));
        return String.join(", ", parts);
    }

    private static void awaitGuest(LiveBackend backend, String name) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (backend.guests().stream().noneMatch(g -> g.name().equals(name))) {
            if (System.nanoTime() > deadline) {
                throw new IOException(name + " never showed in the state table");
            }
            Thread.sleep(20);
        }
    }

    private static void removeOurs() {
        try (ContainerEngine engine = ContainerEngine.connect()) {
            new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
        }
    }

    private static void exec(String... command) throws IOException, InterruptedException {
        HelperCommand.output(HelperCommand.TIMEOUT, command);
    }

    private static double percentile(List<Long> nanos, int percent) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1);
        return sorted.get(index) / 1e6;
    }
}
