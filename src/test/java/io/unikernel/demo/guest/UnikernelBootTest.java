package io.unikernel.demo.guest;

import io.unikernel.demo.testsupport.GuestLan;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.OwnUnikernel;
import io.unikernel.demo.testsupport.UnikernelVm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Boots our own unikernel, unikernel/httpd, under QEMU TCG on a private LAN (network namespace,
 * bridge, tap; no Docker) and talks to it from the host as a browser and ping would. Needs root,
 * QEMU, iproute2, nftables and cpio.
 *
 * <p>Over 300 lines on purpose: one guest, booted once for the class (seconds under TCG), serves
 * every check here in order, the shutdown last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UnikernelBootTest {
    private static final String PREFIX = "tuk-";
    private static final int SUBNET = 17;
    private static final String MAC = "52:54:00:7a:6b:11";
    private static final byte[] INDEX = "<h1>our own unikernel</h1>\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] STYLE = "h1 { color: teal }\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BIG = new byte[2 * 1024 * 1024];
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path dir;
    private static Path elf;
    private static Path webRoot;
    private static GuestLan lan;
    private static UnikernelVm vm;

    @BeforeAll
    static void boot() throws Exception {
        new Random(42).nextBytes(BIG);
        dir = Files.createTempDirectory(PREFIX + "boot");
        elf = OwnUnikernel.httpdElf();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("index.html", INDEX);
        files.put("css/style.css", STYLE);
        files.put("docs/index.html", "docs\n".getBytes(StandardCharsets.UTF_8));
        files.put("big.bin", BIG);
        webRoot = OwnUnikernel.webRoot(dir.resolve("www"), files);
        lan = GuestLan.create(PREFIX, SUBNET);
        vm = UnikernelVm.boot(elf, webRoot, config(lan.guestAddress(), lan.hostAddress()), lan, MAC, dir);
        vm.awaitConsole("httpd: ready in ", Duration.ofSeconds(20));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (vm != null) {
            vm.close();
        }
        if (lan != null) {
            lan.close();
        }
    }

    private static String config(String addr, String gw) {
        return "{\"hostname\":\"tuk-httpd\",\"net\":{\"if\":\"eth0\",\"type\":\"inet\",\"method\":\"static\","
                + "\"addr\":\"" + addr + "\",\"mask\":\"24\",\"gw\":\"" + gw + "\"},\"rc\":[{\"bin\":\"/httpd\"}]}";
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + lan.guestAddress() + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    @Order(1)
    void announcesItselfWithGratuitousArpAndABanner() throws Exception {
        // No packet has been sent to the guest yet: the host learnt its MAC from the announcement.
        String neigh = HostCommand.run("ip", "neigh", "show", lan.guestAddress(), "dev", lan.hostLink()).output();
        assertTrue(neigh.contains(MAC), "no neighbour entry from a gratuitous ARP: " + neigh);
        String console = vm.console();
        assertTrue(console.contains("httpd: unikernel/httpd, a unikernel"), console);
        assertTrue(console.matches("(?s).*httpd: web root 4 files, " + (INDEX.length + STYLE.length + 5 + BIG.length)
                + " bytes.*"), console);
        assertTrue(console.contains("eth0 " + MAC + " " + lan.guestAddress() + "/24 gw " + lan.hostAddress()), console);
    }

    @Test
    @Order(2)
    void answersArpAndPing() {
        HostCommand.run("ip", "neigh", "flush", "dev", lan.hostLink());
        HostCommand.Result ping = HostCommand.run("ping", "-c", "3", "-i", "0.2", "-W", "2", lan.guestAddress());
        assertEquals(0, ping.exitCode(), ping.output());
        assertTrue(ping.output().contains("3 received"), ping.output());
        String neigh = HostCommand.run("ip", "neigh", "show", lan.guestAddress(), "dev", lan.hostLink()).output();
        assertTrue(neigh.contains(MAC), "ARP did not resolve the guest: " + neigh);
    }

    @Test
    void servesFilesWithTheirContentType() throws Exception {
        HttpResponse<byte[]> index = get("/");
        assertEquals(200, index.statusCode());
        assertArrayEquals(INDEX, index.body());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<byte[]> css = get("/css/style.css?v=2");
        assertEquals(200, css.statusCode());
        assertArrayEquals(STYLE, css.body());
        assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElse(""));
        assertEquals("docs\n", new String(get("/docs/").body(), StandardCharsets.UTF_8));
    }

    @Test
    void headSendsTheLengthButNoBody() throws Exception {
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + lan.guestAddress() + "/big.bin"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(BIG.length), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(0, head.body().length);
    }

    @Test
    void missingFilesAre404AndClimbingOutIs400() throws Exception {
        assertEquals(404, get("/no-such-page.html").statusCode());
        try (Socket s = connect()) {
            send(s, "GET /../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readAll(s.getInputStream()).startsWith("HTTP/1.1 400 Bad Request\r\n"));
        }
        try (Socket s = connect()) {
            send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            String answer = readAll(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 405 Method Not Allowed\r\n") && answer.contains("Allow: GET, HEAD"), answer);
        }
    }

    @Test
    void keepsOneConnectionAliveFor100Requests() throws Exception {
        try (Socket s = connect()) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            for (int i = 0; i < 100; i++) {
                send(s, "GET /css/style.css HTTP/1.1\r\nHost: x\r\n\r\n");
                Map<String, String> head = readHead(in);
                assertEquals("HTTP/1.1 200 OK", head.get(""), "request " + i);
                assertEquals("keep-alive", head.get("connection"), "request " + i);
                assertArrayEquals(STYLE, in.readNBytes(Integer.parseInt(head.get("content-length"))), "request " + i);
            }
        }
    }

    @Test
    void answers256ConcurrentClientsWithoutAFailure() throws Exception {
        int clients = 256;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    try (Socket s = connect()) {
                        send(s, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                        return readAll(s.getInputStream());
                    }
                }));
            }
            go.countDown();
            int failures = 0;
            String firstFailure = null;
            for (Future<String> f : answers) {
                String answer;
                try {
                    answer = f.get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    answer = e.toString();
                }
                if (!answer.startsWith("HTTP/1.1 200 OK\r\n") || !answer.endsWith(new String(INDEX, StandardCharsets.UTF_8))) {
                    failures++;
                    firstFailure = firstFailure == null ? answer : firstFailure;
                }
            }
            assertEquals(0, failures, "first failure: " + firstFailure);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void logsOneAccessLineForEachRequest() throws Exception {
        String path = "/tuk-probe-" + System.nanoTime();
        // The guest logs at most 100 lines a second (then a count): an earlier test's burst must not
        // have used up this second's lines.
        Thread.sleep(1100);
        assertEquals(404, get(path).statusCode());
        vm.awaitConsole(" GET " + path + " 404 ", Duration.ofSeconds(5));
        String line = vm.console().lines().filter(l -> l.contains(path)).findFirst().orElseThrow();
        assertTrue(line.matches("httpd: " + lan.hostAddress().replace(".", "\\.") + " GET " + path + " 404 \\d+ \\d+us"),
                line);
    }

    @Test
    @Order(100)
    void sendsA2MegabyteFileIntactOverALinkThatDrops5Percent() throws Exception {
        lan.dropFrames(5);
        try {
            HttpResponse<byte[]> big = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + lan.guestAddress() + "/big.bin"))
                    .timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, big.statusCode());
            assertEquals(sha256(BIG), sha256(big.body()));
            assertTrue(lan.droppedFrames() > 20, "the link dropped only " + lan.droppedFrames() + " frames");
        } finally {
            lan.stopDropping();
        }
    }

    @Test
    void badConfigurationJsonPrintsTheErrorAndExitsWithStatus2() throws Exception {
        Path d = Files.createTempDirectory(PREFIX + "badjson");
        try (UnikernelVm bad = UnikernelVm.boot(elf, webRoot, "{\"net\":{\"addr\":\"10.0.0.2\",", null, MAC, d)) {
            // isa-debug-exit: QEMU exits with (status << 1) | 1
            assertEquals((2 << 1) | 1, bad.awaitExit(Duration.ofSeconds(20)), bad.console());
            String line = bad.console().lines().filter(l -> l.startsWith("httpd: ")).findFirst().orElse("");
            assertTrue(line.startsWith("httpd: bad configuration JSON: at byte "), bad.console());
        }
    }

    @Test
    void theRunnersKvmProbeConfigurationEndsWithTheStatusItExpects() throws Exception {
        // guest/runtime/runner boots this configuration to decide on KVM and wants QEMU status 5.
        Path d = Files.createTempDirectory(PREFIX + "probe");
        try (UnikernelVm probe = UnikernelVm.boot(elf, webRoot, "{\"rc\":[{\"bin\":\"/kvm-probe-not-a-program\"}]}",
                null, MAC, d)) {
            assertEquals(5, probe.awaitExit(Duration.ofSeconds(20)), probe.console());
            assertTrue(probe.console().contains("httpd: the configuration has no \"net\""), probe.console());
        }
    }

    @Test
    void shutdownRequestPowersOffWithStatus0() throws Exception {
        Path d = Files.createTempDirectory(PREFIX + "shutdown");
        try (UnikernelVm guest = UnikernelVm.boot(elf, webRoot, config("10.0.2.15", "10.0.2.2"), null, MAC, d)) {
            guest.awaitConsole("httpd: ready in ", Duration.ofSeconds(20));
            try (QmpClient qmp = QmpClient.connect(guest.qmpSocket())) {
                qmp.execute("system_powerdown"); // the ACPI power button, as a graceful stop sends it
            } catch (IOException e) {
                // The guest powers off within microseconds: QEMU may exit before its answer is read.
            }
            assertEquals(0, guest.awaitExit(Duration.ofSeconds(20)), guest.console());
            assertTrue(guest.console().contains("httpd: shutdown requested (ACPI power button), powering off"),
                    guest.console());
        }
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(lan.guestAddress(), 80), 10_000);
        s.setSoTimeout(30_000);
        return s;
    }

    private static void send(Socket s, String request) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    /** Status line under "", header names in lower case. */
    private static Map<String, String> readHead(InputStream in) throws IOException {
        Map<String, String> head = new LinkedHashMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c != '\n') {
                if (c != '\r') {
                    line.write(c);
                }
                continue;
            }
            String l = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (l.isEmpty()) {
                return head;
            }
            int colon = l.indexOf(':');
            if (head.isEmpty()) {
                head.put("", l);
            } else {
                head.put(l.substring(0, colon).toLowerCase(), l.substring(colon + 1).strip());
            }
        }
        throw new IOException("connection closed in a response head: " + head);
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
