package io.unikernel.demo.images;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.guest.PortProbe;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.launcher.RunOptionsParser;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The six 2015 unikernels, built offline and booted under TCG through docker-unikernel run,
 * each answering real clients: HTTP, the MariaDB client, FastCGI through nginx, the blog.
 * Our DNS server runs on the bridge (port 53, first in the host's resolv.conf while the test
 * runs), so guests find each other and the host finds them by name.
 */
class UnikernelsTest {
    private static final String SESSION = "unikernels-test";
    private static final Duration BOOT = Duration.ofSeconds(120);
    private static ContainerEngine engine;
    private static ContainerDns dns;
    private static Launcher launcher;
    private static Path stateDir;

    @BeforeAll
    static void buildImagesAndStartDns() throws Exception {
        engine = ContainerEngine.connect();
        DemoImages.ensureBuilt();
        UnikernelImages images = new UnikernelImages(Path.of("").toAbsolutePath(), Path.of("/var/cache/docker-unikernel"),
                engine.imageBuilds());
        images.build(List.of("nginx"), GuestKernel.DEBIAN, (image, phase, percent) -> { }).forEach(System.out::println);
        stateDir = Files.createTempDirectory("unikernels-test-dns");
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
        dns.close();
        HostCommand.run("docker", "volume", "rm", "-f", "du-test-blogdata");
        engine.close();
    }

    private static Launched run(String... args) throws Exception {
        return launcher.launch(RunOptionsParser.parse(List.of(args)));
    }

    @Test
    void nginxServesItsLandingPage() throws Exception {
        Launched nginx = run("--name", "du-nginx", "-h", "nginx", "unikernel/nginx");
        String page = GuestProbe.awaitHttp(nginx.network().address().getHostAddress(), BOOT);
        assertTrue(page.contains("nginx unikernel"), page);
        assertTrue(GuestProbe.awaitHttp("nginx", Duration.ofSeconds(10)).contains("nginx unikernel"),
                "the host reaches the guest by name through our DNS");
    }

    @Test
    void nginxBootsOnDebiansGenericKernelToo() throws Exception {
        Launched nginx = run("unikernel/nginx:debian-kernel");
        assertTrue(GuestProbe.awaitHttp(nginx.network().address().getHostAddress(), BOOT).contains("nginx unikernel"));
        String log = String.join("\n", engine.logTail(nginx.containerId(), 40));
        assertTrue(log.contains("init: loaded the kernel modules"), log);
    }

    @Test
    void mysqlAnswersTheRealClientByName() throws Exception {
        run("--name", "mysql", "-h", "mysql", "unikernel/mysql");
        long deadline = System.nanoTime() + BOOT.toNanos();
        HostCommand.Result query;
        do {
            query = HostCommand.run("mariadb", "-h", "mysql", "-u", "rump", "--connect-timeout=2", "-N", "-e",
                    "select name from demo.unikernels order by name");
            if (query.exitCode() == 0) {
                break;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        assertEquals(0, query.exitCode(), query.output());
        assertTrue(query.output().lines().count() >= 3, query.output());
    }

    @Test
    void nginxPassesPhpToThePhpUnikernelByName() throws Exception {
        Launched php = run("--name", "du-php", "-h", "php", "unikernel/php");
        awaitTcp(php.network().address().getHostAddress(), 8000);
        Launched nginx = run("--name", "du-nginx-fastcgi", "-h", "nginx-fastcgi", "unikernel/nginx-fastcgi");
        String ip = nginx.network().address().getHostAddress();
        String page = GuestProbe.awaitHttp(ip + "/index.php", BOOT);
        assertTrue(page.contains("PHP"), page);
        assertTrue(GuestProbe.awaitHttp(ip + "/phpinfo.php", Duration.ofSeconds(20)).contains("phpinfo"), "phpinfo()");
    }

    @Test
    void blogKeepsANewPostAcrossRemovingAndRerunningBothContainers() throws Exception {
        startBlog();
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://blog/admin.php"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("title=Unikernels+meet+Docker&body=Posted+by+a+test"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(posted.statusCode() == 303 || posted.statusCode() == 200, posted.statusCode() + " " + posted.body());
        assertTrue(GuestProbe.awaitHttp("blog", Duration.ofSeconds(20)).contains("Unikernels meet Docker"));

        removeGuests();
        startBlog();
        assertTrue(GuestProbe.awaitHttp("blog", BOOT).contains("Unikernels meet Docker"), "the post survived");
    }

    private void startBlog() throws Exception {
        Launched php = run("--name", "php-blog", "-h", "php-blog", "-v", "du-test-blogdata:/unikernel/data",
                "unikernel/php-nibbleblog");
        awaitTcp(php.network().address().getHostAddress(), 8000);
        Launched blog = run("--name", "blog", "-h", "blog", "unikernel/nginx-nibbleblog");
        String list = GuestProbe.awaitHttp(blog.network().address().getHostAddress(), BOOT);
        assertTrue(list.contains("post.php?id="), list);
    }

    @Test
    void aGuestWhoseApplicationFailsMakesItsContainerExitNonZeroWithTheReasonInItsLog() throws Exception {
        // nginx-fastcgi cannot resolve its upstream 'php' when no php unikernel runs: nginx refuses to start.
        Launched nginx = run("--name", "du-failing", "unikernel/nginx-fastcgi");
        long deadline = System.nanoTime() + BOOT.toNanos();
        ContainerInfo info;
        do {
            info = engine.inspect(nginx.containerId()).orElseThrow();
            Thread.sleep(200);
        } while (info.running() && System.nanoTime() < deadline);
        assertFalse(info.running(), "the guest powered off");
        assertTrue(info.exitCode() != 0, "exit " + info.exitCode());
        String log = String.join("\n", engine.logTail(nginx.containerId(), 40));
        assertTrue(log.contains("host not found in upstream"), log);
    }

    @Test
    void imageShowsTheUnikernelsSizeAsIn2015() {
        var du = HostCommand.run("docker", "run", "--rm", "unikernel/nginx", "du", "-h", "/unikernel");
        assertEquals(0, du.exitCode(), du.output());
        assertTrue(du.output().contains("/unikernel"), du.output());
    }

    private static void awaitTcp(String ip, int port) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (System.nanoTime() < deadline) {
            if (PortProbe.listening(ip, port)) {
                return;
            }
            Thread.sleep(PortProbe.RETRY.toMillis());
        }
        throw new AssertionError("Timed out after " + BOOT.toSeconds() + " s waiting for " + ip + ":" + port);
    }
}
