package io.unikernel.demo.scene;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.testsupport.ProcessState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An exec step's timeout, through the scene file and the runner, on real processes. */
class ExecTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void anExecPastItsTimeoutFailsNamingItAndLeavesNoProcess() throws Exception {
        Path pid = dir.resolve("pid");
        SceneFile file = SceneParser.parse("""
                title: Timeout
                scenes:
                  - id: t
                    title: A command that never ends
                    steps:
                      - exec: "sleep 1000 & echo $! > %s; wait"
                        timeout: 2s
                """.formatted(pid), Path.of("exec-timeout.yaml"));
        List<String> lines = new ArrayList<>();
        StepResult result;
        try (DemoSession session = new DemoSession(ContainerEngine.connect(), dir, dir)) {
            result = new SceneRunner(session, Rehearsal.headlessStage()).run(file.scenes().get(0).steps().get(0),
                    new StepOutput() {
                        @Override
                        public void line(String text) {
                            lines.add(text);
                        }

                        @Override
                        public void progress(String what, int percent) {
                            lines.add(what);
                        }
                    });
        }

        assertEquals(StepResult.Outcome.FAILED, result.outcome());
        assertEquals("\"sleep 1000 & echo $! > " + pid + "; wait\" still running after its timeout of 2 s;"
                + " stopped it and every process it started", result.summary());
        assertTrue(result.duration().compareTo(Duration.ofSeconds(2)) >= 0, "it ran to its timeout: " + result.duration());
        assertTrue(result.duration().compareTo(Duration.ofSeconds(60)) < 0, "the timeout, not sleep, ended it: " + result.duration());
        assertFalse(ProcessState.running(Long.parseLong(Files.readString(pid).strip())), "sleep is gone");
        System.out.println("exec with timeout: 2s failed after " + result.duration().toMillis() + " ms");
    }
}
