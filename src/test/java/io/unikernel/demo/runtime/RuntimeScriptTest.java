package io.unikernel.demo.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
 * Which calls docker-unikernel-runtime hands straight to runc: here runc is a stand-in that
 * records its arguments (RuntimeDockerTest covers the real runc under dockerd).
 */
class RuntimeScriptTest {
    private static final Path SCRIPT = Path.of("docker-unikernel-runtime").toAbsolutePath();
    @TempDir
    Path dir;

    private Path fakeRunc() throws IOException {
        Path runc = dir.resolve("runc");
        Files.writeString(runc, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"" + dir.resolve("args") + "\"\nexit 7\n");
        Files.setPosixFilePermissions(runc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return runc;
    }

    private Path bundle(String rootPath) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.createDirectories(bundle.resolve("rootfs"));
        Files.writeString(bundle.resolve("config.json"), "{\"root\":{\"path\":\"" + rootPath + "\"},\"linux\":{}}");
        return bundle;
    }

    private List<String> runcSaw(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("UNIKERNEL_RUNC", fakeRunc().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(7, process.exitValue(), "runc's own exit status comes back: " + output);
        return Files.readAllLines(dir.resolve("args"));
    }

    @Test
    void everyVerbButCreateGoesToRuncUnchanged() throws Exception {
        List<String> args = List.of("--root", "/run/x", "--log", "/tmp/l.json", "--log-format", "json", "kill", "abc", "15");
        assertEquals(args, runcSaw(args.toArray(String[]::new)));
        assertEquals(List.of("state", "create"), runcSaw("state", "create"), "a container named create is not a create");
    }

    @Test
    void createOfABundleWithoutOurRunnerIsPlainRunc() throws Exception {
        Path bundle = bundle("rootfs");
        List<String> args = List.of("--root", "/run/x", "create", "--bundle", bundle.toString(), "--pid-file", "/tmp/p", "abc");
        assertEquals(args, runcSaw(args.toArray(String[]::new)));
        assertEquals("{\"root\":{\"path\":\"rootfs\"},\"linux\":{}}", Files.readString(bundle.resolve("config.json")),
                "config.json untouched");
    }

    @Test
    void aRunnerThatIsALinkDoesNotMakeAnImageOurs() throws Exception {
        Path bundle = bundle(dir.resolve("bundle/rootfs").toString());
        Files.writeString(dir.resolve("elsewhere"), "#!/bin/sh\n");
        Files.createSymbolicLink(bundle.resolve("rootfs/runner"), dir.resolve("elsewhere"));
        List<String> args = List.of("create", "--bundle=" + bundle, "abc");
        assertEquals(args, runcSaw(args.toArray(String[]::new)));
        assertEquals("{\"root\":{\"path\":\"" + bundle.resolve("rootfs") + "\"},\"linux\":{}}", Files.readString(bundle.resolve("config.json")));
    }
}
