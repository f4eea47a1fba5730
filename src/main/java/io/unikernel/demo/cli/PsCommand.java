package io.unikernel.demo.cli;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.guest.QmpClient;
import io.unikernel.demo.guest.Uptime;
import io.unikernel.demo.guest.VmStatus;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.docker.ManagedContainer;
import io.unikernel.demo.docker.ManagedContainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code docker-unikernel ps}: our containers (ours and those Docker started through our runtime) and what their guests use. */
@Command(name = "ps", sortOptions = false, sortSynopsis = false, description = {
        PsCommand.SUMMARY,
        "",
        "Lists every container started by docker-unikernel (running or not), and those Docker started from our "
                + "images through our runtime (docker run --runtime unikernel, compose): name, image, state, the "
                + "guest's IP address, the macvtap's MAC, the tap device (major:minor), the VM's state and "
                + "accelerator (from QEMU over QMP, for images whose runner opens its socket) and uptime."})
final class PsCommand implements Action {
    static final String SUMMARY = "List our guests' containers (also those started with --runtime unikernel), with guest IP, MAC and tap";
    private static final String[] HEADER = {"NAME", "IMAGE", "STATE", "GUEST IP", "MAC", "TAP", "VM", "ACCEL", "UPTIME"};

    @Mixin
    private HelpOption help;

    @Override
    public int run(PrintStream out, PrintStream err) {
        try (ContainerEngine engine = ContainerEngine.connect()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(HEADER);
            Instant now = Instant.now();
            for (ManagedContainer m : new ManagedContainers(engine, HostPaths.real()).list()) {
                ContainerInfo c = m.container();
                Optional<VmStatus> vm = c.running()
                        ? QmpClient.statusOf(HostPaths.real().proc(), c.pid()) : Optional.empty();
                rows.add(new String[] {c.name(), c.image(), c.status(), c.ipAddress().orElse("-"),
                        m.mac().orElse("-"), m.tapDevice().orElse("-"),
                        vm.map(VmStatus::state).orElse("-"), vm.map(VmStatus::accelerator).orElse("-"),
                        c.running() ? c.startedAt().map(s -> Uptime.format(Duration.between(s, now))).orElse("-") : "-"});
            }
            print(rows, out);
        }
        return 0;
    }


    private static void print(List<String[]> rows, PrintStream out) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 3) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
