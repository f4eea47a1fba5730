package io.unikernel.demo.runtime;

import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.docker.DockerClients;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.kvm.HostKvm;
import io.unikernel.demo.kvm.KvmVerdict;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.images.UnikernelImages;
import io.unikernel.demo.launcher.GuestDevices;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.LaunchException;
import io.unikernel.demo.launcher.Plumbing;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * {@code runc create} of one of our images, as docker-unikernel-runtime hands it over: the guest's
 * devices into config.json, runc create with the engine's arguments unchanged, then steps 2-4 of
 * the contract on the new container's init process. When the plumbing fails the half-made
 * container is deleted and the create fails with one line in runc's log, where the engine reads it.
 */
public final class RuntimeMain {
    private RuntimeMain() {
    }

    public static void main(String[] args) {
        System.exit(create(Arrays.asList(args), System.getProperty("unikernel.runc", "runc"), HostPaths.real(), System.err));
    }

    static int create(List<String> args, String runcExecutable, HostPaths paths, PrintStream err) {
        RuncCall call;
        try {
            call = RuncCall.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(RuncLog.PREFIX + e.getMessage());
            return 1;
        }
        if (!call.verb().equals("create")) {
            RuncLog.error(call, "only runc create comes here, not " + call.verb() + ": call docker-unikernel-runtime", err);
            return 1;
        }
        Runc runc = new Runc(runcExecutable, call.globalOptions());
        CompletableFuture<Void> natives;
        try {
            BundleDevices.add(call.bundle().resolve("config.json"), GuestDevices.of(paths, hostVerdict(paths)));
            Process create = runc.start(args);
            // Only now: on a busy host, binding the native calls beside the steps above delayed runc's start.
            natives = CompletableFuture.runAsync(Plumbing::loadNativeCalls);
            int status = create.waitFor();
            if (status != 0) {
                return status;
            }
        } catch (HostException e) {
            RuncLog.error(call, e.getMessage(), err);
            return 1;
        } catch (IOException | InterruptedException e) {
            RuncLog.error(call, "runc create " + call.containerId() + " failed: " + e.getMessage(), err);
            return 1;
        }
        try {
            natives.join();
            int pid = initPid(call, runc);
            new Plumbing(paths.proc()).plumb(pid, "unikernel container " + call.containerId(), DnsServerState.running().map(InetAddress::getHostAddress));
            return 0;
        } catch (LaunchException | IOException | InterruptedException | RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            try {
                runc.forceDelete(call.containerId());
            } catch (IOException | InterruptedException deleteFailure) {
                message += " (and removing the half-made container failed: " + deleteFailure.getMessage() + ")";
            }
            RuncLog.error(call, message, err);
            return 1;
        }
    }

    /**
     * The host's KVM verdict, decided once per host as for docker-unikernel run (a probe only on a
     * cache miss). The probe image's id, part of the verdict's key, comes over Docker's socket
     * directly: no Docker client is made unless the probe has to run.
     */
    private static Optional<KvmVerdict> hostVerdict(HostPaths paths) throws InterruptedException {
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
