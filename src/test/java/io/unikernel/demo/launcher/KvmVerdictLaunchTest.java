package io.unikernel.demo.launcher;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Device;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerSpec;
import io.unikernel.demo.docker.ManagedContainers;
import io.unikernel.demo.docker.RawDocker;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.kvm.HostKvm;
import io.unikernel.demo.kvm.KvmVerdict;
import io.unikernel.demo.testsupport.DemoImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's KVM verdict reaches the real nginx unikernel's runner: in its environment, in the
 * devices it gets, on its console's first line; and a container started without a verdict, as a
 * 2015-style host script starts it, boots the probe guest itself.
 */
class KvmVerdictLaunchTest {
    private static final String SESSION = "tkvm-test";
    private static final String IMAGE = "unikernel/nginx";
    private static final String OWN_IMAGE = "unikernel/httpd";
    private static final Duration CONSOLE = Duration.ofSeconds(60);
    private static ContainerEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void images() throws Exception {
        engine = ContainerEngine.connect();
        DemoImages.ensureBuilt();
    }

    @AfterEach
    void removeOurContainers() {
        new ManagedContainers(engine, HostPaths.real()).removeAll(Optional.of(SESSION));
        engine.remove("tkvm-self-probe", true);
        engine.remove("s3uk-self-probe-httpd", true);
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void aLaunchedGuestGetsTheHostsVerdictAndKvmOnlyWhenItRunsGuests() throws Exception {
        HostPaths paths = new HostPaths(Path.of("/proc"), Kvm.host(), dir.resolve("kvm-verdict.properties"));
        KvmVerdict verdict = new HostKvm(paths.kvm(), paths.proc(), paths.kvmVerdict(), engine).verdict().orElseThrow();

        Launched launched = new Launcher(engine, paths, Optional::empty, SESSION)
                .launch(RunOptions.of(IMAGE).withName("tkvm-nginx"));
        InspectContainerResponse container = RawDocker.of(engine).inspectContainerCmd(launched.containerId()).exec();
        List<String> env = Arrays.asList(container.getConfig().getEnv());
        assertTrue(env.containsAll(verdict.env()), env.toString());
        assertEquals(verdict.kvm(), devices(container).contains("/dev/kvm"), "devices: " + devices(container));

        String line = awaitLine(launched.containerId(), "runner: accelerator ");
        assertTrue(line.startsWith("runner: accelerator " + verdict.accelerator()), line);
        assertTrue(line.endsWith("(the host's verdict: " + verdict.reason() + ")"), line);
    }

    @Test
    void aHiddenDeviceGivesTcgAndNoDevice() throws Exception {
        HostPaths paths = new HostPaths(Path.of("/proc"), Kvm.host(), dir.resolve("kvm-verdict.properties")).withoutKvm();
        Launched launched = new Launcher(engine, paths, Optional::empty, SESSION)
                .launch(RunOptions.of(IMAGE).withName("tkvm-nginx-hidden"));
        InspectContainerResponse container = RawDocker.of(engine).inspectContainerCmd(launched.containerId()).exec();
        assertTrue(Arrays.asList(container.getConfig().getEnv()).contains("UNIKERNEL_ACCEL=tcg"));
        assertEquals(List.of(), devices(container));
        assertEquals("runner: accelerator tcg, software emulation: slower than KVM "
                        + "(the host's verdict: /dev/kvm hidden from the launcher (UNIKERNEL_KVM=off))",
                awaitLine(launched.containerId(), "runner: accelerator "));
    }

    @Test
    void aRunnerStartedWithoutAVerdictProbesKvmItselfWithTheProbeGuest() throws Exception {
        Kvm kvm = Kvm.host();
        org.junit.jupiter.api.Assumptions.assumeTrue(kvm.present(), "this host has no /dev/kvm: nothing to probe");
        KvmVerdict host = new HostKvm(kvm, Path.of("/proc"), dir.resolve("kvm-verdict.properties"), engine).verdict().orElseThrow();
        // As testimage/manual-contract.sh starts it: the device, no verdict, no plumbing yet.
        String id = engine.create(new ContainerSpec(IMAGE, List.of(), Optional.of("tkvm-self-probe"), Optional.empty(),
                Optional.empty(), List.of(), Map.of(), false, List.of(), List.of(), false, Optional.empty(), List.of(),
                List.of(kvm.device().toString())));
        engine.start(id);
        String line = awaitLine(id, "runner: accelerator ");
        assertTrue(line.startsWith("runner: accelerator " + host.accelerator()), line + " vs the host's " + host);
        assertTrue(line.contains("(probed in this container: "), line);
    }

    @Test
    void ourOwnUnikernelsRunnerProbesKvmWithTheUnikernelItself() throws Exception {
        Kvm kvm = Kvm.host();
        org.junit.jupiter.api.Assumptions.assumeTrue(kvm.present(), "this host has no /dev/kvm: nothing to probe");
        KvmVerdict host = new HostKvm(kvm, Path.of("/proc"), dir.resolve("kvm-verdict.properties"), engine).verdict().orElseThrow();
        // unikernel/httpd has no Linux probe initramfs: its own kernel must be the probe guest, and
        // reach the host probe's verdict for the same reason (a failed QEMU start would give another).
        String id = engine.create(new ContainerSpec(OWN_IMAGE, List.of(), Optional.of("s3uk-self-probe-httpd"),
                Optional.empty(), Optional.empty(), List.of(), Map.of(), false, List.of(), List.of(), false, Optional.empty(),
                List.of(), List.of(kvm.device().toString())));
        engine.start(id);
        String line = awaitLine(id, "runner: accelerator ");
        assertTrue(line.startsWith("runner: accelerator " + host.accelerator()), line + " vs the host's " + host);
        String reason = line.substring(line.indexOf("(probed in this container: ") + "(probed in this container: ".length(),
                line.length() - 1);
        assertEquals(host.reason().replaceAll("\\d+", "N"), reason.replaceAll("\\d+", "N"), line);
    }

    private static List<String> devices(InspectContainerResponse container) {
        Device[] devices = container.getHostConfig().getDevices();
        return devices == null ? List.of() : Arrays.stream(devices).map(Device::getPathOnHost).toList();
    }

    private static String awaitLine(String containerId, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + CONSOLE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = engine.logTail(containerId, 50).stream().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent()) {
                return line.get().strip();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out waiting for '" + prefix + "' in the log of " + containerId + ": "
                + engine.logTail(containerId, 50));
    }
}
