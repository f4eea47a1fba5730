package io.unikernel.demo.runtime;

import io.unikernel.demo.host.JarStamp;
import io.unikernel.demo.host.HostPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The resident helper and its client (scripts/runtime-create-client.pl) over a real Unix socket,
 * with stand-ins for runc and for docker-unikernel-runtime that record how they were called, and
 * a real process in a network namespace of its own as the "container" (no eth0 to plumb, so the
 * plumbing fails there as it does for docker run --network none). RuntimeDockerTest covers the
 * helper under dockerd with real runc.
 */
class CreateHelperTest {
    private static final Path CLIENT = Path.of("scripts", "runtime-create-client.pl").toAbsolutePath();
    private static final String ID = "trt-helper";
    private static final String CONFIG = "{\"process\":{\"env\":[]},\"linux\":{\"resources\":{\"devices\":[]}}}";

    @TempDir
    Path dir;
    private Path socket;
    private Path jar;
    private CreateHelper helper;
    private Thread serving;
    private Process container;

    @BeforeEach
    void startHelper() throws Exception {
        socket = dir.resolve("helper.sock");
        jar = Files.writeString(dir.resolve("helper.jar"), "the jar as the helper was started from it");
        helper = CreateHelper.bind(socket, HostPaths.real().withoutKvm(), Optional.of(JarStamp.of(jar)));
        serving = new Thread(helper::serve, "test-helper");
        serving.start();
        Files.writeString(dir.resolve("config.json"), CONFIG);
    }

    @AfterEach
    void stop() throws Exception {
        helper.close();
        serving.join(TimeUnit.SECONDS.toMillis(10));
        if (container != null) {
            container.destroyForcibly().waitFor();
        }
    }

    /** runc: records each call's arguments as one line; with RUNC_THEN set, runs it after a create. */
    private Path fakeRunc(String thenOnCreate) throws IOException {
        Path runc = dir.resolve("runc");
        Files.writeString(runc, "#!/bin/sh\necho \"$*\" >> '" + dir.resolve("runc-calls") + "'\n"
                + "[ \"$5\" = create ] && " + thenOnCreate + "\nexit 0\n");
        Files.setPosixFilePermissions(runc, PosixFilePermissions.fromString("rwxr-xr-x"));
        return runc;
    }

    /** docker-unikernel-runtime: records the mode it was handed back in, and its arguments. */
    private Path fakeWrapper() throws IOException {
        Path wrapper = dir.resolve("wrapper");
        Files.writeString(wrapper, "#!/bin/sh\necho \"$UNIKERNEL_RUNTIME_HELPER $*\" > '" + dir.resolve("wrapper-call") + "'\nexit 0\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return wrapper;
    }

    private List<String> createArgs() {
        return List.of("--log", dir.resolve("runc-log.json").toString(), "--log-format", "json", "create", "--bundle", dir.toString(),
                "--pid-file", dir.resolve("pid").toString(), ID);
    }

    private record Run(int status, String stderr) {
    }

    private Run client(List<String> prefix, Path runc) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("perl", CLIENT.toString(), socket.toString(), runc.toString(), fakeWrapper().toString()));
        command.addAll(createArgs());
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the client finished");
        return new Run(process.exitValue(), stderr);
    }

    /** A process in a network namespace of its own, its pid where runc would write the container's. */
    private void containerWithoutEth0() throws Exception {
        container = new ProcessBuilder("unshare", "--net", "sleep", "60").start();
        Files.writeString(dir.resolve("pid"), container.pid() + "\n");
    }

    private String calls(String file) throws IOException {
        Path path = dir.resolve(file);
        return Files.exists(path) ? Files.readString(path).strip() : "";
    }

    @Test
    void theHelperAddsDevicesTheClientRunsRuncAndAFailedPlumbingDeletesTheContainer() throws Exception {
        containerWithoutEth0();
        Run run = client(List.of(), fakeRunc("true"));

        assertEquals(1, run.status(), run.stderr());
        assertTrue(run.stderr().contains("docker-unikernel-runtime: The container has no eth0 interface"), run.stderr());
        String global = "--log " + dir.resolve("runc-log.json") + " --log-format json ";
        assertEquals(global + "create --bundle " + dir + " --pid-file " + dir.resolve("pid") + " " + ID + "\n"
                + global + "delete -f " + ID, calls("runc-calls"), "runc ran between the two steps, then removed the half-made container");
        String config = Files.readString(dir.resolve("config.json"));
        assertTrue(config.contains("\"allow\":true") && config.contains("UNIKERNEL_ACCEL"), "the devices step edited config.json: " + config);
        assertTrue(Files.readString(dir.resolve("runc-log.json")).contains("\"level\":\"error\""), "the engine reads the error in runc's log");
        assertEquals("", calls("wrapper-call"), "no JVM was needed");
    }

    @Test
    void aRebuiltJarMakesTheHelperStepAsideAndAJvmDoesTheWholeCreate() throws Exception {
        Files.writeString(jar, "a rebuilt jar, of another size");
        Run run = client(List.of(), fakeRunc("true"));

        assertEquals(0, run.status(), run.stderr());
        assertEquals("off " + String.join(" ", createArgs()), calls("wrapper-call"));
        assertEquals("", calls("runc-calls"), "runc is left to the JVM");
        assertEquals(CONFIG, Files.readString(dir.resolve("config.json")), "config.json is left to the JVM");
        serving.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(serving.isAlive(), "the stale helper stopped serving");
    }

    @Test
    void withNoHelperListeningAJvmDoesTheWholeCreate() throws Exception {
        helper.close();
        Run run = client(List.of(), fakeRunc("true"));

        assertEquals(0, run.status(), run.stderr());
        assertEquals("off " + String.join(" ", createArgs()), calls("wrapper-call"));
        assertEquals("", calls("runc-calls"));
    }

    @Test
    void aHelperGoneAfterRuncCreateLeavesOnlyThePlumbingToAJvm() throws Exception {
        Run run = client(List.of(), fakeRunc("rm -f '" + socket + "'"));

        assertEquals(0, run.status(), run.stderr());
        assertEquals("after-runc-create " + String.join(" ", createArgs()), calls("wrapper-call"));
        assertTrue(calls("runc-calls").contains("create --bundle"), "runc created the container before the helper went");
    }

    @Test
    void onlyRootIsAnswered() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        Run run = client(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"), fakeRunc("true"));

        assertEquals(1, run.status(), run.stderr());
        assertTrue(run.stderr().contains("docker-unikernel-runtime: the runtime helper answers root only, not nobody"), run.stderr());
        assertEquals(CONFIG, Files.readString(dir.resolve("config.json")));
        assertEquals("", calls("runc-calls"));
    }

    @Test
    void theSocketIsRootsAlone() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }
}
