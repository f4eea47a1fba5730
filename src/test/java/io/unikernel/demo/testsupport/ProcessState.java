package io.unikernel.demo.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a host process still runs. A killed orphan stays a zombie until init reaps it, and
 * ProcessHandle calls a zombie alive; it runs nothing and holds no lock, so here it counts as gone.
 */
public final class ProcessState {
    private ProcessState() {
    }

    public static boolean running(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return false;
        }
        // proc(5): the state follows the command name in parentheses.
        char state = stat.charAt(stat.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }
}
