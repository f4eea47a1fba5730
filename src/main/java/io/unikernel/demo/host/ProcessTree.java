package io.unikernel.demo.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A started command and everything it started: the command runs as the leader of its own session
 * (setsid), so its process group and session id are its pid, and every child, grandchild and
 * orphan of it keeps that session unless it calls setsid itself.
 */
final class ProcessTree {
    /** signal.h */
    private static final int SIGTERM = 15;
    private static final int SIGKILL = 9;
    private static final Duration POLL = Duration.ofMillis(20);
    /** After SIGKILL the kernel needs only a moment; this bounds a wait for a process stuck in the kernel. */
    private static final Duration AFTER_KILL = Duration.ofSeconds(5);

    private final Process leader;
    private final int session;

    ProcessTree(Process leader) {
        this.leader = leader;
        this.session = Math.toIntExact(leader.pid());
    }

    int session() {
        return session;
    }

    /** True while the leader or any process of its session is alive (zombies do not count). */
    boolean alive() {
        return leader.isAlive() || !members().isEmpty();
    }

    /**
     * SIGTERM to every process of the tree, SIGKILL to what is left after the grace period, and
     * back only once none is left (or, for a process stuck in the kernel, after a few seconds more).
     * Interrupting the caller skips the rest of the grace period, not the kill.
     */
    void stop(Duration grace) {
        boolean interrupted = false;
        signalAll(SIGTERM);
        try {
            awaitEnd(grace);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (alive()) {
            signalAll(SIGKILL);
            leader.destroyForcibly();
            try {
                awaitEnd(AFTER_KILL);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (alive() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
    }

    private void signalAll(int signal) {
        // The leader itself first: until it has run setsid it is still in our own process group.
        if (leader.isAlive()) {
            if (signal == SIGKILL) {
                leader.destroyForcibly();
            } else {
                leader.destroy();
            }
        }
        try {
            NativeHost.kill(-session, signal);
            // Members that made process groups of their own (a shell with job control) stay in the session.
            for (int pid : members()) {
                NativeHost.kill(pid, signal);
            }
        } catch (HostException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** Live processes of the session, from /proc/PID/stat (pgrp and session are fields 5 and 6 of proc(5)). */
    List<Integer> members() {
        List<Integer> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException e) {
                    continue; // it ended while we looked
                }
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                char state = fields[0].charAt(0);
                boolean ours = Integer.parseInt(fields[2]) == session || Integer.parseInt(fields[3]) == session;
                if (ours && state != 'Z' && state != 'X') {
                    pids.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
        }
        return pids;
    }
}
