package io.unikernel.demo.scene;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.TestImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rehearsal on the real thing: a guest under TCG, real HTTP, a real failure. */
class RehearsalTest {
    private static final String SCENES = """
            title: Rehearsal test
            scenes:
              - id: web
                title: A web guest
                steps:
                  - run: --name du-rehearse-web %s
                  - wait: {http: "http://du-rehearse-web/", text: "%s", timeout: 90s}
                  - http: {url: "http://du-rehearse-web/", expect: "%s"}
                  - exec: "true"
                    if-installed: no-such-program-anywhere
                  - wait: {tcp: "du-rehearse-web:9", timeout: 2s}
                  - exec: echo never runs
              - id: after
                title: After a failed scene
                steps:
                  - exec: echo the next scene still runs
                    expect: still runs
            """.formatted(TestImage.NAME, TestImage.PAGE_MARKER, TestImage.PAGE_MARKER);

    @BeforeAll
    static void image() {
        TestImage.ensureBuilt();
    }

    @AfterEach
    void removeLeftovers() {
        HostCommand.run("docker", "rm", "-f", "du-rehearse-web");
    }

    @Test
    void aFailedStepIsReportedTheRestOfItsSceneIsNotRunAndTheNextSceneIs() throws Exception {
        SceneFile file = SceneParser.parse(SCENES, Path.of("rehearsal-test.yaml"));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        boolean passed;
        try (DemoSession session = new DemoSession(ContainerEngine.connect(), Path.of(System.getProperty("user.dir")),
                Path.of("/var/cache/docker-unikernel"))) {
            passed = new Rehearsal(new SceneRunner(session, Rehearsal.headlessStage()),
                    new PrintStream(report, true, StandardCharsets.UTF_8)).run(file);
            session.removeContainers();
        }
        String text = report.toString(StandardCharsets.UTF_8);
        assertFalse(passed, text);
        assertTrue(text.contains("du-rehearse-web running: guest 172."), text);
        assertTrue(text.matches("(?s).*ok +[0-9.]+s GET http://du-rehearse-web/: HTTP 200.*"), text);
        assertTrue(text.contains("skip  0.0s $ true: skipped: no-such-program-anywhere is not installed"), text);
        assertTrue(text.matches("(?s).*FAIL +[0-9.]+s wait for TCP du-rehearse-web:9 \\(up to 2 s\\): no TCP du-rehearse-web:9 within 2 s.*"), text);
        assertTrue(text.contains("-        $ echo never runs: not run, an earlier step of this scene failed"), text);
        assertTrue(text.contains("| the next scene still runs"), text);
        assertTrue(text.contains("FAIL: 4 passed, 1 failed, 1 skipped, 1 not run"), text);
        assertEquals("", HostCommand.run("docker", "ps", "-aq", "--filter", "name=du-rehearse-web").output().strip());
    }
}
