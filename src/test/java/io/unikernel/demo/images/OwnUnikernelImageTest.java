package io.unikernel.demo.images;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptionsParser;
import io.unikernel.demo.testsupport.GuestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our own unikernel as a Docker image, unikernel/httpd: built by the same pipeline as the
 * Linux-based ones, launched by docker-unikernel run and by the 2015 contract played by hand,
 * reached by name through our DNS, its access lines in docker logs.
 */
class OwnUnikernelImageTest {
    private static final String SESSION = "tuk-e2e";
    private static final String IMAGE = "unikernel/httpd";
    private static final String MARKER = "a <b>real unikernel</b>";
    private static ContainerEngine engine;
    private static ContainerDns dns;
    private static Launcher launcher;
    private static List<BuiltImage> built;

    @BeforeAll
    static void buildImageAndStartDns() throws Exception {
        engine = ContainerEngine.connect();
        UnikernelImages images = new UnikernelImages(Path.of("").toAbsolutePath(), Path.of("/var/cache/docker-unikernel"),
                engine.imageBuilds());
        built = images.build(List.of("httpd"), GuestKernel.MINIMAL, (image, phase, percent) -> { });
        built.forEach(System.out::println);
        Path stateDir = Files.createTempDirectory(SESSION + "-dns");
        dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withHostResolv(true).withStateDir(stateDir));
        String server = dns.address().getAddress().getHostAddress();
        launcher = new Launcher(engine, HostPaths.real(), () -> Optional.of(server), SESSION);
    }

    @AfterEach
    void removeGuests() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
    }

    @AfterAll
    static void stopDns() throws Exception {
        if (dns != null) {
            dns.close();
        }
        engine.close();
    }

    @Test
    void theImageHoldsOnlyTheKernelAndItsWebRoot() {
        BuiltImage httpd = built.get(0);
        assertEquals(IMAGE + ":latest", httpd.tag());
        assertTrue(httpd.payloadBytes() < 1_000_000, "payload " + httpd.payloadBytes() + " bytes");
    }

    @Test
    void servesByNameThroughOurDnsAndDockerLogsShowTheAccessLines() throws Exception {
        long started = System.nanoTime();
        Launched httpd = launcher.launch(RunOptionsParser.parse(List.of("--name", "tuk-httpd", "-h", "tuk-httpd", IMAGE)));
        String page = GuestProbe.awaitHttp(httpd.network().address().getHostAddress(), Duration.ofSeconds(30));
        System.out.printf("unikernel/httpd: run -> first HTTP 200 in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertTrue(page.contains(MARKER), page);
        assertTrue(GuestProbe.awaitHttp("tuk-httpd", Duration.ofSeconds(10)).contains(MARKER),
                "the host reaches the guest by name through our DNS");
        assertTrue(GuestProbe.pings("tuk-httpd"), "ping by name");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String log;
        do {
            log = String.join("\n", engine.logTail(httpd.containerId(), 50));
        } while (!log.contains(" GET / 200 ") && System.nanoTime() < deadline && sleep());
        assertTrue(log.contains("httpd: ready in "), log);
        assertTrue(log.matches("(?s).*httpd: [0-9.]+ GET / 200 \\d+ \\d+us.*"), log);
        assertTrue(log.contains("dns " + dns.address().getAddress().getHostAddress()), "the guest got our DNS: " + log);
    }

    @Test
    void followsThe2015ContractPlayedByHand() throws Exception {
        Path out = Files.createTempFile(SESSION + "-contract", ".log");
        ProcessBuilder pb = new ProcessBuilder("bash", "testimage/manual-contract.sh", "1")
                .redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("IMAGE", IMAGE);
        pb.environment().put("MARKER", MARKER);
        Process p = pb.start();
        boolean finished = p.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(finished, "manual-contract.sh took over 2 minutes:\n" + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("ping ok"), output);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
