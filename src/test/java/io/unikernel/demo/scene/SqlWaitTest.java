package io.unikernel.demo.scene;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.images.GuestKernel;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sql wait against the real MariaDB unikernel: an answer without rows does not end the wait. */
class SqlWaitTest {
    private static final Path CACHE = Path.of("/var/cache/docker-unikernel");
    private static final String SCENES = """
            title: SQL wait test
            scenes:
              - id: sql
                title: A database guest
                steps:
                  - run: --name tproc-sql -h tproc-sql unikernel/mysql
                  - wait: {sql: {host: tproc-sql, user: rump, database: demo, query: "SELECT name FROM unikernels"}, timeout: 120s}
                  - wait: {sql: {host: tproc-sql, user: rump, database: demo, query: "SELECT name FROM unikernels WHERE year < 0"}, timeout: 2s}
            """;

    @BeforeAll
    static void image() throws Exception {
        try (ContainerEngine engine = ContainerEngine.connect()) {
            new UnikernelImages(Path.of("").toAbsolutePath(), CACHE, engine.imageBuilds())
                    .build(List.of("mysql"), GuestKernel.MINIMAL, (image, phase, percent) -> { });
        }
    }

    @AfterEach
    void removeLeftovers() {
        HostCommand.run("docker", "rm", "-f", "-v", "tproc-sql");
    }

    @Test
    void aQueryAnsweredWithRowsEndsTheWaitAndOneAnsweredWithNoneFailsItNamingWhy() throws Exception {
        SceneFile file = SceneParser.parse(SCENES, Path.of("sql-wait-test.yaml"));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        boolean passed;
        try (DemoSession session = new DemoSession(ContainerEngine.connect(), Path.of(System.getProperty("user.dir")), CACHE)) {
            passed = new Rehearsal(new SceneRunner(session, Rehearsal.headlessStage()),
                    new PrintStream(report, true, StandardCharsets.UTF_8)).run(file);
            session.removeContainers();
        }
        String text = report.toString(StandardCharsets.UTF_8);
        assertFalse(passed, text);
        assertTrue(text.matches("(?s).*ok +[0-9.]+s wait for SQL answer from tproc-sql .*"), text);
        assertTrue(text.contains("no SQL answer from tproc-sql within 2 s (last: the query returned no rows)"), text);
        assertTrue(text.contains("FAIL: 2 passed, 1 failed"), text);
        assertEquals("", HostCommand.run("docker", "ps", "-aq", "--filter", "name=tproc-sql").output().strip());
    }
}
