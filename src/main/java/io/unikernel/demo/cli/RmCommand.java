package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.ManagedContainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code docker-unikernel rm}: remove our containers by name, or all of them. */
@Command(name = "rm", sortOptions = false, sortSynopsis = false, description = {
        RmCommand.SUMMARY,
        "",
        "Running containers are stopped first: their guests are asked to power off (the application stops, the "
                + "disks are unmounted) and killed after 8 s."})
final class RmCommand implements Action {
    static final String SUMMARY = "Remove containers started by docker-unikernel";
    @Option(names = {"-f", "--force"}, description = "Kill running guests instead (what they had not written is lost)")
    private boolean force;

    @Option(names = "--all", description = "Remove every container docker-unikernel started, running or not")
    private boolean all;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The containers to remove")
    private List<String> names = new ArrayList<>();

    @Mixin
    private HelpOption help;

    @Override
    public int run(PrintStream out, PrintStream err) throws Exception {
        if (all == !names.isEmpty()) {
            throw new UserError("\"rm\" needs either container names or --all (see 'docker-unikernel rm --help')",
                    ParsedCommand.USAGE_ERROR, null);
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            ManagedContainers containers = new ManagedContainers(engine, HostPaths.real());
            List<String> removed = all ? containers.removeAll(Optional.empty()) : containers.remove(names, force);
            removed.forEach(out::println);
        }
        return 0;
    }
}
