package io.unikernel.demo.runtime;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Plumbing;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code runc create} of one of our images in a JVM of its own, as docker-unikernel-runtime hands
 * it over when no resident {@link CreateHelper} answers: the guest's devices into config.json,
 * runc create with the engine's arguments unchanged, then steps 2-4 of the contract on the new
 * container's init process ({@link CreateSteps}). With {@value #AFTER_CREATE} first, runc has
 * already created the container (the helper went away after the devices step): only the plumbing
 * is left.
 */
public final class RuntimeMain {
    static final String AFTER_CREATE = "--after-runc-create";

    private RuntimeMain() {
    }

    public static void main(String[] args) {
        List<String> runcArgs = Arrays.asList(args);
        String runc = System.getProperty("unikernel.runc", "runc");
        if (!runcArgs.isEmpty() && runcArgs.get(0).equals(AFTER_CREATE)) {
            System.exit(afterCreate(runcArgs.subList(1, runcArgs.size()), runc, HostPaths.real(), System.err));
        }
        System.exit(create(runcArgs, runc, HostPaths.real(), System.err));
    }

    static int create(List<String> args, String runcExecutable, HostPaths paths, PrintStream err) {
        Optional<RuncCall> parsed = parse(args, err);
        if (parsed.isEmpty()) {
            return CreateSteps.FAILED;
        }
        RuncCall call = parsed.get();
        CreateSteps steps = new CreateSteps(paths);
        Runc runc = new Runc(runcExecutable, call.globalOptions());
        CompletableFuture<Void> natives;
        try {
            int devices = steps.addDevices(call, err);
            if (devices != CreateSteps.OK) {
                return devices;
            }
            Process create = runc.start(args);
            // Only now: on a busy host, binding the native calls beside the steps above delayed runc's start.
            natives = CompletableFuture.runAsync(Plumbing::loadNativeCalls);
            int status = create.waitFor();
            if (status != 0) {
                return status;
            }
        } catch (IOException | InterruptedException e) {
            RuncLog.error(call, "runc create " + call.containerId() + " failed: " + e.getMessage(), err);
            return CreateSteps.FAILED;
        }
        natives.join();
        return steps.plumb(call, runc, err);
    }

    static int afterCreate(List<String> args, String runcExecutable, HostPaths paths, PrintStream err) {
        return parse(args, err).map(call -> new CreateSteps(paths).plumb(call, new Runc(runcExecutable, call.globalOptions()), err))
                .orElse(CreateSteps.FAILED);
    }

    /** The create's arguments, or nothing after saying why they are not one. */
    static Optional<RuncCall> parse(List<String> args, PrintStream err) {
        RuncCall call;
        try {
            call = RuncCall.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(RuncLog.PREFIX + e.getMessage());
            return Optional.empty();
        }
        if (!call.verb().equals("create")) {
            RuncLog.error(call, "only runc create comes here, not " + call.verb() + ": call docker-unikernel-runtime", err);
            return Optional.empty();
        }
        return Optional.of(call);
    }
}
