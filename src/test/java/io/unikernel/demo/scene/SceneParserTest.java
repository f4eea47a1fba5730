package io.unikernel.demo.scene;

import io.unikernel.demo.images.GuestKernel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SceneParserTest {
    private static final Path EVERY_STEP = Path.of("src/test/resources/scenes/every-step.yaml");

    private static SceneFile file;

    @BeforeAll
    static void parseTheFileWithEveryStep() throws SceneFileException {
        file = SceneParser.parse(EVERY_STEP);
    }

    private static Step step(int scene, int index) {
        return file.scenes().get(scene).steps().get(index).step();
    }

    @Test
    void readsTheTitleAndTheScenesInOrder() {
        assertEquals(EVERY_STEP, file.source());
        assertEquals("Unikernels, meet Docker!", file.title());
        assertEquals(List.of("intro", "mysql-2"), file.scenes().stream().map(Scene::id).toList());
        Scene intro = file.scenes().get(0);
        assertEquals("Before we start", intro.title());
        assertEquals("Check the host,\nthen build.\n", intro.narration());
        assertEquals("", file.scenes().get(1).narration(), "narration is optional");
    }

    @Test
    void everyStepKnowsItsLine() {
        assertEquals(List.of(9, 10, 11, 13, 14, 16),
                file.scenes().get(0).steps().stream().map(SceneStep::line).toList());
    }

    @Test
    void preflightStandsAloneOrNamesItsImages() {
        assertEquals(new PreflightStep(List.of()), step(0, 0));
        assertEquals(new PreflightStep(List.of("nginx", "mysql")), step(0, 1));
    }

    @Test
    void buildTakesImagesOrAllAndMinimalKernelByDefault() {
        assertEquals(new BuildStep(List.of("nginx", "mysql"), GuestKernel.DEBIAN), step(0, 2));
        assertEquals(new BuildStep(List.of(), GuestKernel.MINIMAL), step(0, 3));
    }

    @Test
    void dnsStartsWithHostResolvOrStops() {
        assertEquals(new DnsStep(true, true), step(0, 4));
        assertEquals(new DnsStep(false, false), step(0, 5));
    }

    @Test
    void runSplitsItsCommandLineLikeAShellAndParsesTheOptions() {
        RunStep run = (RunStep) step(1, 0);
        assertEquals(List.of("--name", "mysql", "-h", "mysql", "-e", "MYSQL_ROOT_PASSWORD=a b", "unikernel/mysql", "--log=x y"),
                run.args());
        assertEquals(Optional.of("mysql"), run.options().name());
        assertEquals(List.of("MYSQL_ROOT_PASSWORD=a b"), run.options().env());
        assertEquals("unikernel/mysql", run.options().image());
        assertEquals(List.of("--log=x y"), run.options().command());
    }

    @Test
    void runAlsoTakesAListOfArguments() {
        RunStep run = (RunStep) step(1, 1);
        assertEquals(List.of("--name", "blog", "-p", "8080:80", "unikernel/nginx"), run.args());
        assertEquals(List.of("8080:80"), run.options().publish());
    }

    @Test
    void waitTargetsAndTimeoutsInEveryUnit() {
        assertEquals(new WaitStep(new WaitCondition.Tcp("mysql", 3306), Duration.ofMillis(500)), step(1, 2));
        assertEquals(new WaitStep(new WaitCondition.Http(HttpRequest.get(URI.create("http://blog/")), 201, Optional.of("Blog")),
                Duration.ofMinutes(2)), step(1, 3));
        assertEquals(new WaitStep(new WaitCondition.Sql(new SqlQuery("mysql", 3306, "rump", "", "demo", "SELECT 1")),
                Duration.ofSeconds(90)), step(1, 4));
        assertEquals(new WaitStep(new WaitCondition.Tcp("blog", 80), Duration.ofSeconds(60)), step(1, 5), "default timeout");
    }

    @Test
    void consoleExecAndShellKeepTheirTextsAndTimeoutsDefaultingToTenMinutes() {
        assertEquals(new ConsoleStep("mysql"), step(1, 6));
        assertEquals(new ExecStep("docker images unikernel/nginx", Optional.of("nginx"), Duration.ofMinutes(10)), step(1, 7));
        assertEquals(new ShellStep("mariadb -h mysql -u rump demo", Optional.of("SELECT * FROM posts;"), Optional.of("Hello"),
                Duration.ofSeconds(30)), step(1, 8));
    }

    @Test
    void guardsAreReadOnAnyStepAndDefaultToAlways() {
        List<SceneStep> steps = file.scenes().get(1).steps();
        assertEquals(new Guard(Optional.of("mariadb"), Optional.empty()), steps.get(8).guard());
        assertEquals(new Guard(Optional.empty(), Optional.of("mariadb")), steps.get(9).guard());
        assertEquals(Guard.ALWAYS, steps.get(10).guard());
    }

    @Test
    void sqlDefaultsItsPortAndReadsNumbersAsText() {
        assertEquals(new SqlStep(new SqlQuery("mysql", 3306, "rump", "", "demo", "SELECT * FROM posts")), step(1, 9));
        assertEquals(new SqlStep(new SqlQuery("db", 3307, "root", "1234", "demo", "SELECT 2")), step(1, 10));
    }

    @Test
    void httpIsAUrlOrARequestWithAForm() {
        assertEquals(new HttpStep(HttpRequest.get(URI.create("http://blog/")), 200, Optional.empty()), step(1, 11));
        HttpStep post = assertInstanceOf(HttpStep.class, step(1, 12));
        assertEquals(new HttpRequest(URI.create("http://blog/post.php"), "POST", Map.of("title", "Hi", "body", "There")),
                post.request());
        assertEquals(302, post.expectStatus());
        assertEquals(Optional.of("Hi"), post.expectText());
    }

    @Test
    void removeTakesNamesOrAllAndPauseItsMessage() {
        assertEquals(new RemoveStep(List.of("mysql", "blog")), step(1, 13));
        assertEquals(new RemoveStep(List.of()), step(1, 14));
        assertEquals(new PauseStep("Ask the audience"), step(1, 15));
    }

    @Test
    void compareTakesTheImagesToRunSideBySide() {
        assertEquals(new CompareStep(List.of("httpd", "nginx")), step(1, 16));
    }

    @Test
    void textIsNamedInMessagesAsTheCallerSays() {
        SceneFileException e = assertThrows(SceneFileException.class,
                () -> SceneParser.parse("title: Demo\nscenes: []\n", Path.of("scenes/demo.yaml")));
        assertEquals("scenes/demo.yaml:2:9: scenes: found an empty list; expected a list of at least one scene", e.getMessage());
    }

    @Test
    void missingFileIsRefusedNamingIt() {
        Path missing = Path.of("scenes/no-such-scene-file.yaml");
        SceneFileException e = assertThrows(SceneFileException.class, () -> SceneParser.parse(missing));
        assertEquals("cannot read scenes/no-such-scene-file.yaml: No such file", e.getMessage());
        assertEquals(missing, e.path());
        assertEquals(0, e.line());
        assertEquals(0, e.column());
    }

    @Test
    void classTagsAreRefusedRatherThanConstructed() {
        SceneFileException e = assertThrows(SceneFileException.class, () -> SceneParser.parse(
                "title: !!javax.script.ScriptEngineManager [x]\nscenes: []\n", Path.of("evil.yaml")));
        assertTrue(e.getMessage().startsWith("evil.yaml:1:8: Global tag is not allowed"), e.getMessage());
    }
}
