package io.unikernel.demo.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's commands as root on a host without sudo (this one), and as an ordinary user
 * (nobody, through setpriv): with sudo they run themselves again through it, without it they say
 * how to become root and run nothing.
 */
class EntryScriptsAsRootTest {
    private static final Path HOME = Path.of("").toAbsolutePath();
    private static final String NOBODY = "65534";

    @TempDir
    Path dir;

    record Run(int status, String output) {
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"run-demo.sh, --rehearse", "scripts/test.sh, -Dtest=None", "docker-unikernel, ps", "bench/launch.sh, 3"})
    void asAUserWithoutSudoEachEntryScriptSaysHowToBecomeRootAndRunsNothing(String script, String arg) throws Exception {
        Path path = HOME.resolve(script);

        Run run = asNobody("/usr/bin:/bin", path.toString(), arg);

        assertEquals(1, run.status(), run.output());
        assertEquals(path.getFileName() + ": needs root (", run.output().substring(0, path.getFileName().toString().length() + 14));
        assertTrue(run.output().endsWith("), and sudo is not installed: run it as root, e.g. su -c '" + path + " " + arg + "'\n"),
                run.output());
        assertEquals(1, run.output().lines().count(), "one line, nothing else ran: " + run.output());
    }

    /** As Main reads them, these --help words are the guest's command, or a name: the wrapper must not skip root. */
    @ParameterizedTest(name = "docker-unikernel {0}")
    @ValueSource(strings = {"run unikernel/nginx --help", "run --name web --help", "rm -- --help", "build -- -h"})
    void aHelpWordThatIsNoHelpStillNeedsRoot(String words) throws Exception {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("docker-unikernel").toString()));
        command.addAll(List.of(words.split(" ")));

        Run run = asNobody("/usr/bin:/bin", command.toArray(String[]::new));

        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().startsWith("docker-unikernel: needs root ("), run.output());
    }

    @Test
    void asAUserWithSudoTheScriptRunsItselfThroughSudoWithItsArguments() throws Exception {
        // sudo is not installed here: a stand-in that shows what it was asked to run.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path sudo = Files.writeString(bin.resolve("sudo"), "#!/bin/sh\necho \"sudo $*\"\n");
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));

        Run run = asNobody(bin + ":/usr/bin:/bin", HOME.resolve("run-demo.sh").toString(), "--record", "my demo.cast");

        assertEquals(0, run.status(), run.output());
        assertEquals("sudo -- " + HOME.resolve("run-demo.sh") + " --record my demo.cast\n", run.output());
    }

    @Test
    void asRootTheScriptGoesOnWithoutSudo() throws Exception {
        Path probe = Files.writeString(dir.resolve("probe.sh"), """
                #!/usr/bin/env bash
                set -euo pipefail
                . %s
                as_root "a test" "$0" "$@"
                echo "ran as $(id -u) with $*"
                """.formatted(HOME.resolve("scripts/as-root.sh")));

        Run run = exec(List.of("env", "PATH=/usr/bin:/bin", "bash", probe.toString(), "a", "b"));

        assertEquals(new Run(0, "ran as 0 with a b\n"), run);
    }

    private static Run asNobody(String path, String... command) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups",
                "env", "-i", "PATH=" + path, "bash"));
        argv.addAll(List.of(command));
        return exec(argv);
    }

    private static Run exec(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        return new Run(process.exitValue(), output);
    }
}
