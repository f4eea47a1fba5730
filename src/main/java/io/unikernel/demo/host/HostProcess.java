package io.unikernel.demo.host;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The one way this program runs host commands (scene exec steps and rehearsed shell steps, the
 * image build scripts, the benchmarks' helpers; a shell step on stage hands over the terminal). The command gets a session of its own, so that on its
 * timeout, on interruption of the caller, or on SIGTERM of this JVM the whole tree it started is
 * stopped (SIGTERM, then SIGKILL after a grace period), not only its first process; and nothing
 * of it outlives the call. Output is read while it runs, each line handed to the caller's thread.
 */
public final class HostProcess {
    /** Enough for make to pass SIGTERM on to its compilers and exit. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** After the command exits, how long a child that still holds its output open may keep talking. */
    private static final Duration DRAIN = Duration.ofSeconds(1);
    private static final Duration THREAD_END = Duration.ofSeconds(1);
    /** util-linux, essential on Debian: setsid(2) in the child before exec, which Java cannot do. */
    private static final String SETSID = "setsid";

    private static final Set<ProcessTree> RUNNING = ConcurrentHashMap.newKeySet();
    /** Set, under RUNNING's lock, once the JVM shuts down: nothing new starts after the last stop. */
    private static boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(HostProcess::stopAll, "stop-host-processes"));
    }

    private HostProcess() {
    }

    private sealed interface Event {
    }

    private record Line(boolean error, String text) implements Event {
    }

    private record End() implements Event {
    }

    private record Exited() implements Event {
    }

    /**
     * Runs the command to its end and returns its exit status. stdout gets each output line (and,
     * with errors merged, each stderr line), stderr each stderr line, both on this thread.
     *
     * @throws ProcessTimeoutException when its deadline passed (it has been stopped)
     * @throws IOException             when it cannot be started
     * @throws InterruptedException    when this thread was interrupted (it has been stopped)
     */
    public static int run(ProcessSpec spec, Consumer<String> stdout, Consumer<String> stderr)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(SETSID));
        command.addAll(spec.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(spec.errorsMerged());
        spec.directory().ifPresent(dir -> builder.directory(dir.toFile()));
        if (spec.input().isEmpty()) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        ProcessTree tree;
        // Started and registered as one step: a SIGTERM in between would otherwise miss this tree.
        synchronized (RUNNING) {
            if (stopping) {
                throw new IOException("not starting \"" + spec.describe() + "\": this program is shutting down");
            }
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("cannot start \"" + spec.describe() + "\": " + e.getMessage(), e);
            }
            tree = new ProcessTree(process);
            RUNNING.add(tree);
        }
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        process.onExit().thenRun(() -> events.add(new Exited()));
        try (Worker out = Worker.start("stdout", () -> pump(process.getInputStream(), false, events));
             Worker err = Worker.start("stderr", () -> {
                 if (!spec.errorsMerged()) {
                     pump(process.getErrorStream(), true, events);
                 }
             });
             Worker in = Worker.start("stdin", () -> feed(process.getOutputStream(), spec))) {
            try {
                return await(spec, process, tree, events, stdout, stderr);
            } finally {
                // Before the workers are closed: their streams end only with the processes.
                if (tree.alive()) {
                    tree.stop(GRACE);
                }
            }
        } finally {
            RUNNING.remove(tree);
        }
    }

    private static int await(ProcessSpec spec, Process process, ProcessTree tree, BlockingQueue<Event> events,
            Consumer<String> stdout, Consumer<String> stderr) throws ProcessTimeoutException, InterruptedException {
        int streams = spec.errorsMerged() ? 1 : 2;
        long start = System.nanoTime();
        long deadline = spec.timeout().map(t -> start + t.toNanos()).orElse(Long.MAX_VALUE);
        boolean exited = false;
        while (streams > 0 || !exited) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                if (exited) {
                    break; // an escaped grandchild holds the output open: it is not ours to wait for
                }
                tree.stop(GRACE);
                throw new ProcessTimeoutException(spec, spec.timeout().orElseThrow());
            }
            Event event = events.poll(left, TimeUnit.NANOSECONDS);
            if (event instanceof Line line) {
                (line.error() ? stderr : stdout).accept(line.text());
            } else if (event instanceof End) {
                streams--;
            } else if (event instanceof Exited) {
                exited = true;
                // Children left behind keep the pipes open; they go with their parent.
                if (tree.alive()) {
                    tree.stop(GRACE);
                }
                deadline = Math.min(deadline, System.nanoTime() + DRAIN.toNanos());
            }
        }
        return process.exitValue();
    }

    private static void pump(InputStream stream, boolean error, BlockingQueue<Event> events) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                events.add(new Line(error, line));
            }
        } catch (IOException e) {
            events.add(new Line(true, "(lost the rest of the output: " + e.getMessage() + ")"));
        } finally {
            events.add(new End());
        }
    }

    private static void feed(OutputStream stdin, ProcessSpec spec) {
        try (stdin) {
            if (spec.input().isPresent()) {
                stdin.write((spec.input().get() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // the command exited without reading its input: its status and output tell why
        }
    }

    /** On SIGTERM or Ctrl-C of this JVM: the commands' sessions do not get the terminal's signals. */
    private static void stopAll() {
        List<ProcessTree> trees;
        synchronized (RUNNING) {
            stopping = true;
            trees = List.copyOf(RUNNING);
        }
        List<Thread> stops = new ArrayList<>();
        for (ProcessTree tree : trees) {
            Thread stop = new Thread(() -> tree.stop(GRACE), "stop-session-" + tree.session());
            stop.start();
            stops.add(stop);
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A helper thread whose end the run waits for, briefly, so none outlives its command. */
    private record Worker(Thread thread) implements AutoCloseable {
        static Worker start(String what, Runnable job) {
            Thread thread = new Thread(job, "host-process-" + what);
            thread.setDaemon(true);
            thread.start();
            return new Worker(thread);
        }

        @Override
        public void close() throws InterruptedException {
            thread.join(THREAD_END.toMillis());
        }
    }
}
