package io.unikernel.demo.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this process may plumb devices into other namespaces. */
public final class Privileges {
    private static final Path STATUS = Path.of("/proc/self/status");

    private Privileges() {
    }

    /**
     * The effective uid is 0. Read from /proc rather than through geteuid(2): it spares a CLI
     * launch the native binding's start-up before it has anything native to do.
     */
    public static boolean isRoot() throws HostException {
        return isRoot(STATUS);
    }

    /** As {@link #isRoot()}, from a given status file (another /proc, in tests). */
    public static boolean isRoot(Path status) throws HostException {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0");
                }
            }
        } catch (IOException e) {
            throw new HostException("Failed to read " + status + ": " + e.getMessage(), e);
        }
        throw new HostException("Failed to find the Uid line in " + status);
    }

    public static void requireRoot() throws HostException {
        if (!isRoot()) {
            throw new HostException("Must run as root to plumb the guest's network (macvtap, /dev/tap0) into the container:"
                    + " run it with sudo");
        }
    }
}
