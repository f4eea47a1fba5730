package io.unikernel.demo.guest;

import io.unikernel.demo.dns.ContainerDns;
import io.unikernel.demo.docker.ContainerEngine;
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

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a guest acknowledged survives SIGKILL of its container (QEMU killed mid-write), round after
 * round on the same volume: the blog's posts on its ext4 data image, checked by e2fsck at the next
 * boot, and MariaDB's committed inserts.
 */
class DataSurvivesKillTest {
    private static final String SESSION = "tsd-kill-test";
    private static final String BLOG_VOLUME = "tsd-kill-blogdata";
    private static final String MYSQL_VOLUME = "tsd-kill-mysqldata";
    private static final Duration BOOT = Duration.ofSeconds(120);
    /** Bounds each loop: twenty rounds of a php-blog and a blog boot took 9 to 14 minutes on a busy two-core host. */
    private static final Duration BLOG_LOOP_LIMIT = Duration.ofMinutes(20);
    private static final Duration MYSQL_LOOP_LIMIT = Duration.ofMinutes(5);
    /** Bounds the posts or inserts sent while the kill comes. */
    private static final Duration UNTIL_KILLED_LIMIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static ContainerEngine engine;
    private static ContainerDns dns;
    private static Launcher launcher;
    private static Path stateDir;
    private final Random random = new Random();

    @BeforeAll
    static void buildImagesAndStartDns() throws Exception {
        DemoImages.ensureBuilt();
        engine = ContainerEngine.connect();
        stateDir = Files.createTempDirectory("tsd-kill-test-dns");
        // the blog's nginx finds php-blog by name
        dns = ContainerDns.start(engine, ContainerDns.Options.defaults().withStateDir(stateDir));
        String server = dns.address().getAddress().getHostAddress();
        launcher = new Launcher(engine, HostPaths.real(), () -> Optional.of(server), SESSION);
        HostCommand.run("docker", "volume", "rm", "-f", BLOG_VOLUME, MYSQL_VOLUME);
    }

    @AfterEach
    void removeGuests() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
    }

    @AfterAll
    static void stopDnsAndRemoveVolumes() throws Exception {
        if (dns != null) {
            dns.close();
        }
        HostCommand.run("docker", "volume", "rm", "-f", BLOG_VOLUME, MYSQL_VOLUME);
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void everyAcknowledgedPostSurvivesTwentyKillsOfPhpBlog() throws Exception {
        long deadline = System.nanoTime() + BLOG_LOOP_LIMIT.toNanos();
        List<String> acknowledged = new ArrayList<>();
        for (int round = 1; round <= 20; round++) {
            assertTrue(System.nanoTime() < deadline, "twenty rounds did not fit in " + BLOG_LOOP_LIMIT.toMinutes() + " min (round " + round + ")");
            Launched php = startPhpBlog();
            Launched blogGuest = startBlog();
            String blog = blogGuest.network().address().getHostAddress();
            if (round > 1) {
                String console = log(php.containerId());
                assertTrue(console.contains("init: /dev/vdb needs a check"), "the killed guest's disk was checked:\n" + console);
            }
            assertListed(blog, acknowledged, round);

            String calm = "tsd round " + round + " before the kill";
            assertEquals(303, post(blog, calm), "round " + round + ": a post is accepted");
            acknowledged.add(calm);
            // posts one after the other while QEMU is killed: one is cut off mid-request
            String prefix = "tsd round " + round + " during the kill, post ";
            CompletableFuture<List<String>> posting = CompletableFuture.supplyAsync(() -> postUntilKilled(blog, prefix));
            Thread.sleep(200 + random.nextInt(800));
            kill(php.containerId());
            acknowledged.addAll(posting.get(60, TimeUnit.SECONDS));
            // the blog's nginx keeps nothing: killing it saves its power-off in every round
            engine.remove(blogGuest.containerId(), true);
            removeGuests();
        }
        startPhpBlog();
        String blog = startBlog().network().address().getHostAddress();
        assertListed(blog, acknowledged, 21);
        assertEquals(303, post(blog, "tsd after twenty kills"), "the next post is accepted");
        System.out.println(acknowledged.size() + " acknowledged posts survived twenty kills of php-blog");
    }

    @Test
    void insertsCommittedBeforeAKillOfMariaDbAreThereAfterTheRestart() throws Exception {
        long deadline = System.nanoTime() + MYSQL_LOOP_LIMIT.toNanos();
        Set<Integer> committed = new HashSet<>();
        int next = 1;
        int kills = 5;
        for (int round = 1; round <= kills + 1; round++) {
            assertTrue(System.nanoTime() < deadline, "five kills did not fit in " + MYSQL_LOOP_LIMIT.toMinutes() + " min");
            Launched mysql = run("--name", "tsd-kill-mysql", "-v", MYSQL_VOLUME + ":/unikernel/data", "unikernel/mysql");
            String ip = mysql.network().address().getHostAddress();
            try (Connection c = connect(ip); Statement s = c.createStatement()) {
                s.execute("create table if not exists tsd_kill (n int primary key)");
                Set<Integer> present = new HashSet<>();
                try (ResultSet rows = s.executeQuery("select n from tsd_kill")) {
                    while (rows.next()) {
                        present.add(rows.getInt(1));
                    }
                }
                Set<Integer> lost = new HashSet<>(committed);
                lost.removeAll(present);
                assertTrue(lost.isEmpty(), "round " + round + ": committed rows lost after the kill: " + lost);
            }
            if (round > kills) {
                break;
            }
            int first = next;
            CompletableFuture<List<Integer>> inserting = CompletableFuture.supplyAsync(() -> insertUntilKilled(ip, first));
            Thread.sleep(500 + random.nextInt(1000));
            kill(mysql.containerId());
            List<Integer> rows = inserting.get(60, TimeUnit.SECONDS);
            assertTrue(!rows.isEmpty(), "round " + round + ": no insert was committed before the kill");
            committed.addAll(rows);
            next = rows.get(rows.size() - 1) + 2;
            removeGuests();
        }
        System.out.println(committed.size() + " committed rows survived five kills of mysql");
    }

    /** Inserts one row per transaction (autocommit) until the kill breaks the connection; the rows acknowledged. */
    private static List<Integer> insertUntilKilled(String ip, int first) {
        List<Integer> done = new ArrayList<>();
        long deadline = System.nanoTime() + UNTIL_KILLED_LIMIT.toNanos();
        try (Connection c = connect(ip); Statement s = c.createStatement()) {
            for (int n = first; System.nanoTime() < deadline; n++) {
                s.executeUpdate("insert into tsd_kill values (" + n + ")");
                done.add(n);
            }
        } catch (SQLException e) {
            // the kill: the insert in flight may or may not be committed; it was not acknowledged
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return done;
    }

    private static Connection connect(String ip) throws Exception {
        Properties login = new Properties();
        login.setProperty("user", "rump");
        login.setProperty("password", "");
        login.setProperty("connectTimeout", "2000");
        login.setProperty("socketTimeout", "20000");
        GuestProbe.awaitTcp(ip, 3306, BOOT);
        long deadline = System.nanoTime() + BOOT.toNanos();
        while (true) {
            try {
                return DriverManager.getConnection("jdbc:mariadb://" + ip + ":3306/demo", login);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private Launched startPhpBlog() throws Exception {
        Launched php = run("--name", "tsd-kill-php-blog", "-h", "php-blog", "-v", BLOG_VOLUME + ":/unikernel/data",
                "unikernel/php-nibbleblog");
        GuestProbe.awaitTcp(php.network().address().getHostAddress(), 8000, BOOT);
        return php;
    }

    /** The blog's nginx, started after php-blog: it resolves php-blog's address once, at start-up. */
    private Launched startBlog() throws Exception {
        Launched blog = run("--name", "tsd-kill-blog", "-h", "tsd-kill-blog", "unikernel/nginx-nibbleblog");
        GuestProbe.awaitHttp(blog.network().address().getHostAddress(), BOOT);
        return blog;
    }

    private static void assertListed(String blog, List<String> titles, int round) throws InterruptedException {
        String page = GuestProbe.awaitHttp(blog, Duration.ofSeconds(20));
        for (String title : titles) {
            // the whole link text: "post 1" must not be found inside "post 12"
            assertTrue(page.contains(">" + title + "</a>"), "round " + round + ": the acknowledged post '" + title + "' is gone:\n" + page);
        }
    }

    private static int post(String blog, String title) throws IOException, InterruptedException {
        String form = "title=" + URLEncoder.encode(title, StandardCharsets.UTF_8) + "&body=" + URLEncoder.encode("written by a kill test", StandardCharsets.UTF_8);
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://" + blog + "/admin.php"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Posts PREFIX1, PREFIX2... until one is not acknowledged (the kill); the titles acknowledged with 303. */
    private static List<String> postUntilKilled(String blog, String prefix) {
        List<String> done = new ArrayList<>();
        long deadline = System.nanoTime() + UNTIL_KILLED_LIMIT.toNanos();
        try {
            for (int n = 1; System.nanoTime() < deadline; n++) {
                String title = prefix + n;
                if (post(blog, title) != 303) {
                    break;
                }
                done.add(title);
            }
        } catch (IOException e) {
            // the kill cut the post off: not acknowledged
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    private static void kill(String id) {
        HostCommand.Result kill = HostCommand.run("docker", "kill", id);
        assertEquals(0, kill.exitCode(), kill.output());
    }

    private static Launched run(String... args) throws Exception {
        return launcher.launch(RunOptionsParser.parse(List.of(args)));
    }

    private static String log(String id) {
        return String.join("\n", engine.logTail(id, 400));
    }
}
