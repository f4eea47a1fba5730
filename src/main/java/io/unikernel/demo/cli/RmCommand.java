package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.ManagedContainers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code docker-unikernel rm}: remove our containers by name, or all of them. */
public final class RmCommand implements Command {
    @Override
    public String name() {
        return "rm";
    }

    @Override
    public String summary() {
        return "Remove containers started by docker-unikernel";
    }

    @Override
    public String usage() {
        return """
                Usage: docker-unikernel rm [-f] NAME...
                       docker-unikernel rm --all

                Running containers are stopped first: their guests are asked to power off
                (the application stops, the disks are unmounted) and killed after 8 s.

                  -f, --force   Kill running guests instead (what they had not written is lost)
                      --all     Remove every container docker-unikernel started, running or not
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        boolean force = false;
        boolean all = false;
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "-f", "--force" -> force = true;
                case "--all" -> all = true;
                default -> {
                    if (arg.startsWith("-")) {
                        throw new UserError("unknown flag: " + arg + " (see 'docker-unikernel rm --help')", 125, null);
                    }
                    names.add(arg);
                }
            }
        }
        if (all == !names.isEmpty()) {
            throw new UserError("\"rm\" needs either container names or --all (see 'docker-unikernel rm --help')", 125, null);
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            ManagedContainers containers = new ManagedContainers(engine, HostPaths.real());
            List<String> removed = all ? containers.removeAll(Optional.empty()) : containers.remove(names, force);
            removed.forEach(out::println);
        }
        return 0;
    }
}
