package io.unikernel.demo.runtime;

import io.unikernel.demo.testsupport.CniPodNetwork;
import io.unikernel.demo.testsupport.Containerd;
import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.GuestProbe;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * containerd (the host's own, as a Kubernetes node runs it) starts our image through
 * docker-unikernel-runtime plugged into its runc shim ({@code ctr run --runc-binary}, the shim's
 * BinaryName), in a network namespace that CNI's bridge plugin set up first, as the CRI plugin
 * does for a pod; a real guest under TCG answers on the CNI-assigned address.
 */
class RuntimeContainerdTest {
    private static final String NAMESPACE = "s3ctd";
    private static final String IMAGE = "unikernel/nginx:latest";
    /** How containerd names an image imported from docker save. */
    private static final String IMAGE_REF = "docker.io/" + IMAGE;
    private static final String NGINX_PAGE = "nginx unikernel";
    private static final String WEB = "s3ctd-web";
    private static final String NODOCKER = "s3ctd-nodocker";
    private static final String NONET = "s3ctd-nonet";
    private static final Duration BOOT = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(30);
    /** Where the runc shim keeps runc's state for a --runc-binary without --runc-root. */
    private static final Path RUNC_ROOT = Path.of("/run/containerd/runc", NAMESPACE);
    private static final Path RUNTIME = Path.of("docker-unikernel-runtime").toAbsolutePath();

    @TempDir
    static Path work;
    private final List<CniPodNetwork> networks = new ArrayList<>();

    @BeforeAll
    static void importImage() throws Exception {
        DemoImages.ensureBuilt();
        RuntimeJar.ensureBuilt();
        Containerd.ensureRunning();
        Path archive = work.resolve("nginx.tar");
        HostCommand.Result save = HostCommand.run("docker", "save", "-o", archive.toString(), IMAGE);
        assertEquals(0, save.exitCode(), save.output());
        HostCommand.Result load = ctr("images", "import", archive.toString());
        assertEquals(0, load.exitCode(), load.output());
        Files.delete(archive);
    }

    @AfterEach
    void removeContainersAndNetworks() throws IOException {
        for (String id : List.of(WEB, NODOCKER, NONET)) {
            ctr("task", "kill", "-s", "SIGKILL", id);
            ctr("task", "delete", "-f", id);
            ctr("container", "delete", id);
        }
        for (CniPodNetwork network : networks) {
            network.close();
        }
    }

    @AfterAll
    static void removeImageAndNamespace() throws IOException {
        HostCommand.Result image = ctr("images", "rm", "--sync", IMAGE_REF);
        assertEquals(0, image.exitCode(), image.output());
        HostCommand.Result namespace = HostCommand.run("ctr", "namespaces", "rm", NAMESPACE);
        assertEquals(0, namespace.exitCode(), "nothing of ours is left in containerd's namespace " + NAMESPACE + ": " + namespace.output());
        // The shim makes runc's root for the namespace and leaves it, empty.
        Files.deleteIfExists(RUNC_ROOT);
    }

    private static HostCommand.Result ctr(String... args) {
        return HostCommand.run(Stream.concat(Stream.of("ctr", "-n", NAMESPACE), Stream.of(args)).toArray(String[]::new));
    }

    private CniPodNetwork podNetwork(String name, int subnet) throws IOException {
        CniPodNetwork network = CniPodNetwork.create(name, "s3ctd-br" + subnet, "10.214." + subnet + ".0/24", work.resolve(name + "-ipam"));
        networks.add(network);
        return network;
    }

    /** ctr run -d of our image through the runtime at runcBinary, its console (stdout and stderr) into a file. */
    private static HostCommand.Result run(String id, Path runcBinary, List<String> options) {
        List<String> command = new ArrayList<>(List.of("run", "-d", "--log-uri", "file://" + console(id),
                "--runtime", "io.containerd.runc.v2", "--runc-binary", runcBinary.toString()));
        command.addAll(options);
        command.addAll(List.of(IMAGE_REF, id));
        return ctr(command.toArray(String[]::new));
    }

    private static Path console(String id) {
        return work.resolve(id + ".log");
    }

    private static String taskStatus(String id) {
        return ctr("task", "ls").output().lines().filter(line -> line.startsWith(id + " ")).findFirst()
                .map(line -> line.strip().replaceAll(".*\\s", "")).orElse("none");
    }

    @Test
    void ctrRunInACniNamespaceAnswersHttpAndTaskKillPowersTheGuestOff() throws Exception {
        CniPodNetwork network = podNetwork(WEB, 1);
        HostCommand.Result run = run(WEB, RUNTIME, List.of("--with-ns", "network:" + network.netnsPath()));
        assertEquals(0, run.exitCode(), run.output());

        assertTrue(GuestProbe.awaitHttp(network.address(), BOOT).contains(NGINX_PAGE));
        String console = Files.readString(console(WEB));
        assertTrue(console.contains("ip " + network.address() + "/24 gw "), "the guest took eth0's CNI address: " + console);

        assertEquals(0, ctr("task", "kill", WEB).exitCode());
        long deadline = System.nanoTime() + STOP.toNanos();
        while (!taskStatus(WEB).equals("STOPPED") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("STOPPED", taskStatus(WEB));
        assertTrue(Files.readString(console(WEB)).contains("init: stopped, powering off"), "the guest powered off: " + Files.readString(console(WEB)));
        HostCommand.Result delete = ctr("task", "delete", WEB);
        assertEquals(0, delete.exitCode(), delete.output());
        assertFalse(delete.output().contains("non-zero exit code"), "ctr task kill ends the task with status 0: " + delete.output());
    }

    @Test
    void theRuntimeNeedsNoDockerToStartAGuest() throws Exception {
        Path withoutDocker = work.resolve("runtime-without-docker");
        Files.writeString(withoutDocker, "#!/bin/sh\nDOCKER_HOST=unix:///nonexistent/docker.sock exec " + RUNTIME + " \"$@\"\n");
        Files.setPosixFilePermissions(withoutDocker, PosixFilePermissions.fromString("rwxr-xr-x"));
        CniPodNetwork network = podNetwork(NODOCKER, 2);
        HostCommand.Result run = run(NODOCKER, withoutDocker, List.of("--with-ns", "network:" + network.netnsPath()));
        assertEquals(0, run.exitCode(), run.output());

        assertTrue(GuestProbe.awaitHttp(network.address(), BOOT).contains(NGINX_PAGE));
    }

    /** ctr run without a prepared network namespace (and ctr run --cni, which runs CNI ADD only after create) has no eth0 at create. */
    @Test
    void aContainerWithoutEth0FailsCtrRunWithOurLineAndLeavesNoRuncState() throws Exception {
        HostCommand.Result run = run(NONET, RUNTIME, List.of());
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("docker-unikernel-runtime: The container has no eth0 interface to bridge the guest onto: "
                + CreateSteps.NO_INTERFACE_REMEDY), "containerd's remedy, not Docker's: " + run.output());
        assertEquals("none", taskStatus(NONET));
        assertFalse(Files.exists(RUNC_ROOT.resolve(NONET)), "runc's state of the half-made container is gone");
    }
}
