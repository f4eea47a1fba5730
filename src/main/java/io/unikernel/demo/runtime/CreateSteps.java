package io.unikernel.demo.runtime;

import io.unikernel.demo.docker.DockerSocket;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.kvm.HostKvm;
import io.unikernel.demo.kvm.KvmVerdict;
import io.unikernel.demo.launcher.GuestDevices;
import io.unikernel.demo.launcher.LaunchException;
import io.unikernel.demo.launcher.NoContainerInterfaceException;
import io.unikernel.demo.launcher.Plumbing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The two halves of {@code runc create} of one of our images, around runc's own create: the
 * guest's devices into config.json before it, steps 2-4 of the contract on the new container's
 * init process after it. A JVM started for one create ({@link RuntimeMain}) and the resident
 * helper ({@link CreateHelper}) both call these, so there is one implementation. Each failure
 * goes to runc's log, where the engine reads it, and returns runc's failure status 1.
 */
public final class CreateSteps {
    public static final int OK = 0;
    public static final int FAILED = 1;
    /** What a containerd user does about a namespace without eth0 (Docker's remedy is the launcher's). */
    static final String NO_INTERFACE_REMEDY = "give the container a network namespace with eth0 before create "
            + "(e.g. CNI's bridge plugin on a named namespace, then ctr run --with-ns network:PATH; ctr run --cni adds eth0 only after create)";

    private final HostPaths paths;

    public CreateSteps(HostPaths paths) {
        this.paths = paths;
    }

    /** Step 1: the macvtap device rule and, when the host's KVM verdict says so, /dev/kvm. */
    public int addDevices(RuncCall call, PrintStream err) throws InterruptedException {
        try {
            BundleDevices.add(call.bundle().resolve("config.json"), GuestDevices.of(paths, hostVerdict()));
            return OK;
        } catch (HostException e) {
            RuncLog.error(call, e.getMessage(), err);
            return FAILED;
        }
    }

    /** Steps 2-4 once runc has created the container; a failure deletes the half-made container. */
    public int plumb(RuncCall call, Runc runc, PrintStream err) {
        try {
            int pid = initPid(call, runc);
            new Plumbing(paths.proc()).plumb(pid, "unikernel container " + call.containerId(), DnsServerState.running().map(InetAddress::getHostAddress));
            return OK;
        } catch (LaunchException | IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            if (e instanceof NoContainerInterfaceException missing && !call.fromDocker()) {
                message = missing.problem() + ": " + NO_INTERFACE_REMEDY;
            }
            try {
                runc.forceDelete(call.containerId());
            } catch (IOException | InterruptedException deleteFailure) {
                message += " (and removing the half-made container failed: " + deleteFailure.getMessage() + ")";
            }
            RuncLog.error(call, message, err);
            return FAILED;
        }
    }

    /**
     * The host's KVM verdict, decided once per host as for docker-unikernel run (a probe only on a
     * cache miss). The probe image's id, part of the verdict's key, comes over Docker's socket
     * directly: no Docker client is made unless the probe has to run.
     */
    private Optional<KvmVerdict> hostVerdict() throws InterruptedException {
        String host = DockerClients.host();
        try (OnDemandEngine engine = new OnDemandEngine(host)) {
            Optional<DockerSocket> socket = DockerSocket.of(host);
            Supplier<Optional<String>> probeImageId = socket.isPresent()
                    ? () -> socket.get().imageId(UnikernelImages.KVM_PROBE)
                    : () -> engine.get().imageId(UnikernelImages.KVM_PROBE);
            return new HostKvm(paths.kvm(), paths.proc(), paths.kvmVerdict(), probeImageId, engine::get).verdict();
        } catch (DockerUnavailableException e) {
            return Optional.empty();
        }
    }

    private static int initPid(RuncCall call, Runc runc) throws IOException, InterruptedException {
        if (call.pidFile().isPresent()) {
            return Integer.parseInt(Files.readString(call.pidFile().get(), StandardCharsets.US_ASCII).strip());
        }
        return runc.initPid(call.containerId());
    }
}
