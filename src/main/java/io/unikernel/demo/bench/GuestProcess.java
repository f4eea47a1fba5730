package io.unikernel.demo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The QEMU process of a unikernel container, seen from the host's /proc. */
record GuestProcess(int pid) {
    /** Jiffies per second as the kernel reports CPU times in /proc/PID/stat (USER_HZ). */
    private static final double USER_HZ = 100.0;

    /** The runner (the container's pid 1) starts QEMU as its child. */
    static OptionalInt qemuOf(int runnerPid) throws IOException {
        String children = Files.readString(Path.of("/proc", Integer.toString(runnerPid), "task",
                Integer.toString(runnerPid), "children")).strip();
        for (String child : children.split("\\s+")) {
            if (!child.isEmpty() && Files.readString(Path.of("/proc", child, "comm")).startsWith("qemu")) {
                return OptionalInt.of(Integer.parseInt(child));
            }
        }
        return OptionalInt.empty();
    }

    /** Peak resident set size (VmHWM) in KiB. */
    long peakRssKib() throws IOException {
        return statusField("VmHWM:");
    }

    /** User plus system CPU time so far, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Integer.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // After the command: state is field 3 of stat(5); utime and stime are fields 14 and 15.
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / USER_HZ;
    }

    private long statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Integer.toString(pid), "status"))) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).strip().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + name + " in /proc/" + pid + "/status");
    }
}
