package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.dns.DnsServerState;
import io.unikernel.demo.guest.ConsoleAttach;
import io.unikernel.demo.host.TerminalGuard;
import io.unikernel.demo.launcher.HostPaths;
import io.unikernel.demo.launcher.Launched;
import io.unikernel.demo.launcher.Launcher;
import io.unikernel.demo.launcher.RunOptions;
import io.unikernel.demo.launcher.RunOptionsParser;
import io.unikernel.demo.launcher.Timings;

import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;

/** {@code docker-unikernel run}: launch a unikernel image as a container with its guest network plumbed. */
public final class RunCommand implements Command {
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
                  -a, --attach             Attach to the guest console (detach with Ctrl-P Ctrl-Q)
                Options of our own:
                      --keep-on-error      Keep the container when the launch fails (for debugging)
                      --timings            Print the duration of each phase on stderr
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        RunOptions options;
        try {
            options = RunOptionsParser.parse(args);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), 125, e);
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            Launcher launcher = new Launcher(engine, HostPaths.real(),
                    () -> DnsServerState.running().map(InetAddress::getHostAddress), "cli");
            Launched launched = launcher.launch(options);
            if (options.timings()) {
                for (Timings.Phase phase : launched.timings().phases()) {
                    err.println(phase);
                }
                err.println("total " + launched.timings().totalNanos() / 1_000_000 + " ms");
            }
            if (!options.attach()) {
                out.println(launched.containerId());
                return 0;
            }
            err.println("Attached to " + launched.name() + "'s console; detach with Ctrl-P Ctrl-Q");
            ConsoleAttach.Ending ending;
            try (TerminalGuard ignored = TerminalGuard.raw()) {
                ending = new ConsoleAttach(engine.client()).attach(launched.containerId(), System.in, out);
            }
            if (ending == ConsoleAttach.Ending.DETACHED) {
                err.println("\r\nDetached from " + launched.name() + "; it keeps running");
                return 0;
            }
            return engine.inspect(launched.containerId()).map(c -> c.exitCode()).orElse(0);
        }
    }
}
