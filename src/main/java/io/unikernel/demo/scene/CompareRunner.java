package io.unikernel.demo.scene;

import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.launcher.LaunchException;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.RunOptionsParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The compare step: unikernels side by side, measured on stage (run -> first HTTP 200, payload size) and drawn as bars. */
final class CompareRunner {
    private static final Duration FIRST_PAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final int PROBE_CONNECT_MS = 50;
    private static final int PROBE_INTERVAL_MS = 10;
    private static final int BAR_WIDTH = 30;

    /** Makes way for a container of this name, as a run step does. */
    @FunctionalInterface
    interface Replace {
        void replace(String name, StepOutput out) throws StepFailure;
    }

    private final DemoSession session;
    private final Replace replaceEarlier;

    CompareRunner(DemoSession session, Replace replaceEarlier) {
        this.session = session;
        this.replaceEarlier = replaceEarlier;
    }

    /** Each image in turn: run, first HTTP 200, the size of /unikernel; then the bars, measured here and now. */
    String compare(CompareStep step, StepOutput out) throws StepFailure, InterruptedException {
        List<Bars.Bar> sizes = new ArrayList<>();
        List<Bars.Bar> times = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (String image : step.images()) {
            String ref = image.contains("/") ? image : UnikernelImages.PREFIX + image;
            String name = ref.substring(ref.lastIndexOf('/') + 1).replaceFirst(":.*", "");
            replaceEarlier.replace(name, out);
            long started = System.nanoTime();
            Launched launched;
            try {
                launched = session.launcher().launch(RunOptionsParser.parse(List.of("--name", name, "-h", name, ref)));
            } catch (LaunchException e) {
                throw new StepFailure(e.getMessage(), e);
            }
            InetAddress address = launched.network().address();
            awaitFirstPage(name, address, started);
            double seconds = (System.nanoTime() - started) / 1e9;
            long bytes = payloadBytes(launched.containerId(), name);
            out.line(String.format("%s: first HTTP 200 %.2f s after run; guest payload %s", name, seconds, megabytes(bytes)));
            times.add(new Bars.Bar(name, seconds, String.format("%.2f s", seconds)));
            sizes.add(new Bars.Bar(name, bytes, megabytes(bytes)));
            summary.add(String.format("%s %.2f s, %s", name, seconds, megabytes(bytes)));
        }
        Bars.draw("guest payload (/unikernel)", sizes, BAR_WIDTH).forEach(out::line);
        Bars.draw("run -> first HTTP 200", times, BAR_WIDTH).forEach(out::line);
        return String.join("; ", summary);
    }

    /** Fresh connections with short timeouts: a SYN sent before the guest listens is retried only after 1 s. */
    private static void awaitFirstPage(String name, InetAddress address, long started) throws StepFailure, InterruptedException {
        HttpRequest root = HttpRequest.get(URI.create("http://" + address.getHostAddress() + "/"));
        while (System.nanoTime() - started < FIRST_PAGE_TIMEOUT.toNanos()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address, 80), PROBE_CONNECT_MS);
                if (HttpFetch.fetch(root, address, SceneRunner.REQUEST_TIMEOUT).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(PROBE_INTERVAL_MS);
        }
        throw new StepFailure(name + " did not answer HTTP within " + FIRST_PAGE_TIMEOUT.toSeconds() + " s; see its console");
    }

    /** What the guest is made of: every file under /unikernel in the container (kernel, initrd, disks). */
    private long payloadBytes(String containerId, String name) throws StepFailure {
        int pid = session.engine().inspect(containerId).map(ContainerInfo::pid).orElse(0);
        Path payload = Path.of("/proc", Integer.toString(pid), "root", "unikernel");
        try (Stream<Path> files = Files.walk(payload)) {
            long total = 0;
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(f);
            }
            return total;
        } catch (IOException | UncheckedIOException e) {
            throw new StepFailure("cannot measure " + name + "'s /unikernel through " + payload + ": " + e.getMessage(), e);
        }
    }

    private static String megabytes(long bytes) {
        return bytes < 1_000_000 ? String.format("%.0f KB", bytes / 1e3) : String.format("%.1f MB", bytes / 1e6);
    }
}
