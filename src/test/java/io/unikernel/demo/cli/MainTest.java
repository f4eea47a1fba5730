package io.unikernel.demo.cli;

import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true), new PrintStream(err, true));
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, main("--help"));
        for (String command : List.of("run", "ps", "rm", "dns")) {
            assertTrue(out.toString().contains("\n  " + command + " "), out.toString());
        }
    }

    @Test
    void commandHelpShowsItsUsage() {
        assertEquals(0, main("run", "--help"));
        assertTrue(out.toString().startsWith("Usage: docker-unikernel run [OPTIONS] IMAGE [COMMAND] [ARG...]"));
    }

    @Test
    void unknownCommandIsOneLineAndExit125() {
        assertEquals(125, main("launch"));
        assertEquals("docker-unikernel: 'launch' is not a command; see 'docker-unikernel --help'\n", err.toString());
    }

    @Test
    void badRunFlagIsOneLineAndExit125() {
        assertEquals(125, main("run", "--frobnicate", "img"));
        assertEquals("docker-unikernel: unknown flag: --frobnicate (see 'docker-unikernel run --help')\n", err.toString());
    }

    @Test
    void rmNeedsNamesOrAll() {
        assertEquals(125, main("rm"));
        assertTrue(err.toString().startsWith("docker-unikernel: \"rm\" needs either container names or --all"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ps", "rm", "dns", "build", "preflight", "demo", "runtime"})
    void everyCommandHasItsUsageFromHelpAndFromDashDashHelp(String command) {
        assertEquals(0, main("help", command));
        String help = out.toString();
        assertTrue(help.startsWith("Usage: docker-unikernel " + command + " "), help);
        out.reset();
        assertEquals(0, main(command, "--help"));
        assertEquals(help, out.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "ps", "rm", "dns", "build", "preflight", "demo", "runtime"})
    void anUnknownFlagIsOneLineAndExit125InEveryCommand(String command) {
        assertEquals(125, main(command, "--frobnicate"));
        assertEquals("docker-unikernel: unknown flag: --frobnicate (see 'docker-unikernel " + command + " --help')\n",
                err.toString());
    }

    @Test
    void shortFlagsCluster() {
        assertEquals(0, main("rm", "-fh"));
        assertTrue(out.toString().startsWith("Usage: docker-unikernel rm "), out.toString());
        assertEquals(125, main("rm", "-fx"));
        assertEquals("docker-unikernel: unknown flag: -x (see 'docker-unikernel rm --help')\n", err.toString());
    }

    @Test
    void valuesComeAfterAnEqualsSignToo() {
        assertEquals(125, main("build", "--kernel=tiny", "--all"));
        assertEquals("docker-unikernel: --kernel takes minimal or debian, not 'tiny'\n", err.toString());
    }

    @Test
    void doubleDashEndsTheOptions() {
        assertEquals(125, main("runtime", "--", "--help"));
        assertEquals("docker-unikernel: \"runtime\" needs one of install, uninstall (see 'docker-unikernel runtime --help')\n",
                err.toString());
        assertEquals("", out.toString(), "--help after -- is a word, not a request for help");
    }

    @Test
    void helpAfterTheImageGoesToTheGuestsCommand() {
        assertTrue(RunCommand.asksForHelp(List.of("--help")));
        assertTrue(RunCommand.asksForHelp(List.of("-a", "--rm", "--help", "unikernel/nginx")));
        assertFalse(RunCommand.asksForHelp(List.of("unikernel/nginx", "--help")));
        assertFalse(RunCommand.asksForHelp(List.of("--name", "web", "unikernel/nginx", "nginx", "--help")));
        assertFalse(RunCommand.asksForHelp(List.of("--", "--help")));
    }

    @Test
    void helpWithAnUnknownCommandIsAUsageError() {
        assertEquals(125, main("help", "launch"));
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    @Test
    void runAsAnOrdinaryUserSaysToUseSudoAndCreatesNothing(@TempDir Path dir) throws IOException {
        // The class path lives under /root; an ordinary user needs a readable copy of it.
        List<String> classPath = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path source = Path.of(entry);
            if (!Files.exists(source)) {
                continue;
            }
            Path copy = dir.resolve("cp" + n++);
            copyTree(source, copy);
            classPath.add(copy.toString());
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var result = HostCommand.run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java,
                "-cp", String.join(File.pathSeparator, classPath), Main.class.getName(), "run", "unikernel-test/httpd");
        assertEquals("docker-unikernel: Must run as root to plumb the guest's network (macvtap, /dev/tap0) into the"
                + " container: run it with sudo\n", result.output());
        assertEquals(1, result.exitCode());
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
            return;
        }
        try (Stream<Path> all = Files.walk(source)) {
            for (Path p : all.toList()) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
