package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerExit;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.guest.ConsoleAttach;
import io.unikernel.demo.host.TerminalGuard;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.launcher.RunOptionsParser;
import io.unikernel.demo.launcher.Timings;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** {@code docker-unikernel run}: launch a unikernel image as a container with its guest network plumbed. */
public final class RunCommand implements Command {
    /** Docker reports an exit within milliseconds; the attach stream may end a moment before the wait answers. */
    private static final Duration EXITED_GUEST_ANSWER = Duration.ofSeconds(2);
    private static final Duration EXIT_STATUS_WAIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "run";
    }

    @Override
    public String summary() {
        return "Run a unikernel image in a new container, its guest bridged onto the container's network";
    }

    @Override
    public String usage() {
        return """
                Usage: docker-unikernel run [OPTIONS] IMAGE [COMMAND] [ARG...]

                Creates and starts a container (detached; prints its id), then moves its network to the
                unikernel guest: a macvtap on eth0, eth0's IPv4 handed over as /ip, /mask, /gw, and /dev/tap0.

                Options (same meaning as docker run):
                      --name NAME          Assign a name to the container
                  -h, --hostname NAME      Container host name
                      --network NAME       Connect the container to a network (default: bridge)
                  -p, --publish LIST       Publish a container's port(s) to the host
                  -P, --publish-all        Publish all exposed ports to random ports
                  -e, --env KEY=VALUE      Set environment variables
                  -v, --volume SRC:DST     Bind mount a volume
                  -m, --memory BYTES       Memory limit (e.g. 256m)
                      --rm                 Remove the container when it exits
                  -a, --attach             Attach to the guest console (detach with Ctrl-P Ctrl-Q);
                                           exits with the guest's exit status, as docker run does
                Options of our own:
                      --keep-on-error      Keep the container when the launch fails (for debugging)
                      --timings            Print the duration of each phase on stderr

                The guest runs with KVM only when a probe guest booted with it on this host (decided
                once, kept in /var/cache/docker-unikernel/kvm-verdict.properties); otherwise under TCG, and
                the container gets no /dev/kvm. UNIKERNEL_KVM=off hides /dev/kvm from the launcher.

                While the resident helper runs ('docker-unikernel helper start'), a detached run is done
                in its JVM, already warm: the same output and exit status, without a JVM start.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (asksForHelp(args)) {
            out.print(usage());
            return 0;
        }
        RunOptions options;
        try {
            options = RunOptionsParser.parse(args);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ParsedCommand.USAGE_ERROR, e);
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            Launcher launcher = new Launcher(engine, HostPaths.real(),
                    () -> DnsServerState.running().map(InetAddress::getHostAddress), "cli");
            if (!options.attach()) {
                Launched launched = launcher.launch(options);
                printTimings(launched, options, err);
                out.println(launched.containerId());
                return 0;
            }
            AtomicReference<ContainerExit> exit = new AtomicReference<>();
            try {
                Launched launched = launcher.launch(options, id -> exit.set(engine.watchExit(id, options.removeOnExit())));
                printTimings(launched, options, err);
                return attach(engine, launched, exit.get(), out, err);
            } finally {
                if (exit.get() != null) {
                    exit.get().close();
                }
            }
        }
    }

    /**
     * {@code --help} among run's own options; after the image name (or after {@code --}) it is a word
     * of the guest's command, as with {@code docker run}. The words before it name no image yet
     * exactly when they do not parse as a whole run.
     */
    static boolean asksForHelp(List<String> args) {
        int help = args.indexOf("--help");
        if (help < 0 || args.subList(0, help).contains("--")) {
            return false;
        }
        try {
            RunOptionsParser.parse(args.subList(0, help));
            return false;
        } catch (IllegalArgumentException noImageYet) {
            return true;
        }
    }

    private static void printTimings(Launched launched, RunOptions options, PrintStream err) {
        if (options.timings()) {
            for (Timings.Phase phase : launched.timings().phases()) {
                err.println(phase);
            }
            err.println("total " + launched.timings().totalNanos() / 1_000_000 + " ms");
        }
    }

    /** The guest's console until detach or its end; then its exit status as Docker's wait API reports it. */
    private static int attach(ContainerEngine engine, Launched launched, ContainerExit exit, PrintStream out, PrintStream err)
            throws Exception {
        String name = launched.name();
        ConsoleAttach.Ending ending;
        try (TerminalGuard ignored = TerminalGuard.raw()) {
            // Said once the terminal is raw: whoever reads it may type keys meant for the guest.
            err.println("Attached to " + name + "'s console; detach with Ctrl-P Ctrl-Q");
            ending = new ConsoleAttach(engine).attach(launched.containerId(), System.in, out);
        } catch (IOException e) {
            // Docker refuses to attach to a guest that has already ended: then its status is the answer.
            Optional<Integer> status = exit.await(EXITED_GUEST_ANSWER);
            if (status.isPresent()) {
                err.println(name + " ended before its console could be attached ('docker logs " + name + "' shows it)");
                return status.get();
            }
            throw new UserError("cannot attach to " + name + "'s console: " + e.getMessage() + "; the guest keeps running"
                    + " (its console: 'docker logs -f " + name + "'; stop it: 'docker-unikernel rm -f " + name + "')", e);
        }
        if (ending == ConsoleAttach.Ending.DETACHED) {
            err.println("\r\nDetached from " + name + "; it keeps running");
            return 0;
        }
        return exit.await(EXIT_STATUS_WAIT).orElseThrow(() -> new UserError("the console of " + name
                + " closed but Docker reported no exit within " + EXIT_STATUS_WAIT.toSeconds() + " s: see 'docker ps -a'"));
    }
}
