package io.unikernel.demo.preflight;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.images.UnikernelImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole checklist on this host, as root, with its real Docker daemon. */
class PreflightTest {
    private static final List<String> ORDER = List.of("root", "docker", "macvtap", "kvm", "images", "port 53", "resolv", "memory", "disk");

    @Test
    void onThisHostRootDockerAndMacvtapAreOkAndAMissingImageFailsWithItsBuildCommand() {
        List<Check> checks = new Preflight(HostPaths.real(), List.of("runtime", "no-such-unikernel")).run();
        assertEquals(ORDER, checks.stream().map(Check::name).toList());
        Map<String, Check> byName = byName(checks);
        assertEquals(Check.Status.OK, byName.get("root").status(), byName.get("root").detail());
        assertEquals(Check.Status.OK, byName.get("docker").status(), byName.get("docker").detail());
        assertEquals(Check.Status.OK, byName.get("macvtap").status(), byName.get("macvtap").detail());
        Check kvm = byName.get("kvm");
        // Only a booted probe guest earns the tick; this host's KVM creates VMs but runs no guest.
        assertEquals(kvm.detail().matches("KVM works \\(probe guest booted in \\d+ ms\\)"), kvm.status() == Check.Status.OK, kvm.detail());
        if (Kvm.host().present() && kvm.status() == Check.Status.WARN) {
            assertTrue(kvm.detail().startsWith("KVM present but cannot run guests (probe: "), kvm.detail());
            assertTrue(kvm.detail().endsWith("): guests run under TCG"), kvm.detail());
        }

        Check images = byName.get("images");
        assertEquals(Check.Status.FAIL, images.status());
        assertEquals("missing: unikernel/no-such-unikernel", images.detail());
        assertEquals("./docker-unikernel build no-such-unikernel", images.fix());
        assertFalse(Preflight.passed(checks));
        assertTrue(byName.get("disk").detail().contains(" free in /var/lib/docker"), byName.get("disk").detail());
    }

    @Test
    void presentImagesAreOkWhetherNamedWithTheirPrefixOrNot() {
        try (ContainerEngine engine = ContainerEngine.connect()) {
            ImagesCheck check = new ImagesCheck(engine, List.of(UnikernelImages.RUNTIME, "runtime"));
            assertEquals(List.of(), check.missing());
            assertEquals(Check.ok("images", "unikernel/runtime, unikernel/runtime present"), check.run());
        }
    }

    @Test
    void withoutDockerEveryCheckStillRunsAndTheOnesThatNeedItSaySo(@TempDir Path dir) {
        HostPaths host = new HostPaths(Path.of("/proc"), new Kvm(dir.resolve("kvm")), dir.resolve("kvm-verdict.properties"), dir);
        String dockerHost = "unix://" + dir.resolve("no-docker.sock");
        List<Check> streamed = new ArrayList<>();
        List<Check> checks = new Preflight(host, dockerHost, List.of("nginx")).run(streamed::add);
        assertEquals(checks, streamed);
        assertEquals(ORDER, checks.stream().map(Check::name).toList());
        Map<String, Check> byName = byName(checks);

        Check docker = byName.get("docker");
        assertEquals(Check.Status.FAIL, docker.status());
        assertTrue(docker.detail().startsWith("cannot reach the Docker daemon at " + dockerHost), docker.detail());
        assertEquals(DockerCheck.START_DOCKER, docker.fix());
        for (String needsDocker : List.of("images", "port 53")) {
            assertEquals(Check.fail(needsDocker, "not checked: cannot reach the Docker daemon at " + dockerHost,
                    DockerCheck.START_DOCKER), byName.get(needsDocker));
        }
        assertEquals(Check.Status.OK, byName.get("root").status());
        assertEquals(Check.Status.OK, byName.get("macvtap").status());
        assertEquals(Check.Status.WARN, byName.get("kvm").status());
        assertTrue(byName.get("disk").detail().endsWith(" free in " + DiskCheck.DEFAULT_DOCKER_ROOT), byName.get("disk").detail());
    }

    private static Map<String, Check> byName(List<Check> checks) {
        return checks.stream().collect(Collectors.toMap(Check::name, Function.identity()));
    }
}
