package io.unikernel.demo.cli;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.JarStamp;
import io.unikernel.demo.runtime.CreateHelper;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts and stops the resident helper ({@link HelperMain}) for {@code docker-unikernel helper
 * start|stop} and {@code runtime install|uninstall}: a JVM of its own in a session of its own (it
 * outlives the command), run from a copy of the jar, its output in {@value #LOG}. Without it the
 * runtime and the CLI still work, each one JVM start slower per create or run.
 */
public final class HelperProcess {
    public static final String LOG = "/var/log/docker-unikernel/helper.log";
    static final Path JAR_COPY = HostPaths.RUN_DIR.resolve("helper.jar");
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 20;
    /** A long-lived but tiny server: C1 only, a small serial heap. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData");

    private HelperProcess() {
    }

    /** Starts the helper from {@code jar} unless one started from that jar, as it is now, already answers. */
    public static String start(Path jar) {
        JarStamp stamp;
        try {
            stamp = JarStamp.of(jar);
        } catch (IOException e) {
            throw new UserError("Cannot read " + jar + ": " + e.getMessage() + ": build it with scripts/build-jar.sh", e);
        }
        Optional<ProcessHandle> running = running();
        if (running.isPresent() && answers() && stampOf(running.get()).equals(Optional.of(stamp))) {
            return "The helper is already running (pid " + running.get().pid() + ", log " + LOG + ")";
        }
        String stopped = running.isPresent() ? stop() + "; " : "";
        try {
            Files.createDirectories(HostPaths.RUN_DIR);
            Path log = Path.of(LOG);
            Files.createDirectories(log.getParent());
            Path copy = Files.createTempFile(HostPaths.RUN_DIR, "helper", ".jar");
            Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
            Files.move(copy, JAR_COPY, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Process helper = new ProcessBuilder(command(stamp))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
            long deadline = System.nanoTime() + START_WAIT.toNanos();
            while (running().isEmpty() || !answers()) {
                if (!helper.isAlive()) {
                    throw new UserError("The helper exited with status " + helper.exitValue() + " as it started: see " + LOG);
                }
                if (System.nanoTime() > deadline) {
                    helper.destroyForcibly();
                    throw new UserError("The helper did not answer on " + CreateHelper.SOCKET + " and " + RunService.SOCKET + " within "
                            + START_WAIT.toSeconds() + " s: see " + LOG);
                }
                Thread.sleep(POLL_MILLIS);
            }
            return stopped + "Started the helper (pid " + helper.pid() + ", log " + LOG
                    + "): runtime creates of our images and detached runs skip a JVM start";
        } catch (IOException e) {
            throw new UserError("Failed to start the helper: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while starting the helper", e);
        }
    }

    /** Stops the helper (SIGTERM: it finishes the requests in progress) and says what it did. */
    public static String stop() {
        Optional<ProcessHandle> running = running();
        if (running.isEmpty()) {
            return "No helper was running";
        }
        ProcessHandle helper = running.get();
        helper.destroy();
        try {
            helper.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            helper.destroyForcibly();
        } catch (ExecutionException e) {
            throw new UserError("Failed to wait for the helper (pid " + helper.pid() + ") to stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("Interrupted while stopping the helper (pid " + helper.pid() + ")", e);
        }
        try {
            Files.deleteIfExists(JAR_COPY);
        } catch (IOException e) {
            throw new UserError("Stopped the helper (pid " + helper.pid() + ") but cannot remove " + JAR_COPY + ": " + e.getMessage(), e);
        }
        return "Stopped the helper (pid " + helper.pid() + ")";
    }

    /** The helper named by its pid file, if that process is alive and is the helper. */
    public static Optional<ProcessHandle> running() {
        try {
            long pid = Long.parseLong(Files.readString(HelperMain.PID_FILE, StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> arguments(p).contains(HelperMain.class.getName()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether something accepts on both of the helper's sockets now. */
    static boolean answers() {
        return accepts(CreateHelper.SOCKET) && accepts(RunService.SOCKET);
    }

    private static boolean accepts(Path socket) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    private static Optional<JarStamp> stampOf(ProcessHandle helper) {
        List<String> args = arguments(helper);
        return property(args, HelperMain.SOURCE_JAR).flatMap(jar -> property(args, HelperMain.SOURCE_SIZE).flatMap(size ->
                property(args, HelperMain.SOURCE_MODIFIED).map(modified ->
                        new JarStamp(Path.of(jar), Long.parseLong(size), Long.parseLong(modified)))));
    }

    private static Optional<String> property(List<String> args, String name) {
        String prefix = "-D" + name + "=";
        return args.stream().filter(a -> a.startsWith(prefix)).map(a -> a.substring(prefix.length())).findFirst();
    }

    private static List<String> command(JarStamp stamp) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("setsid", java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-D" + HelperMain.SOURCE_JAR + "=" + stamp.jar(), "-D" + HelperMain.SOURCE_SIZE + "=" + stamp.size(),
                "-D" + HelperMain.SOURCE_MODIFIED + "=" + stamp.modifiedMillis(), "-cp", JAR_COPY.toString(), HelperMain.class.getName()));
        return command;
    }
}
