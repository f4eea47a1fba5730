package io.unikernel.demo.runtime;

import io.unikernel.demo.host.HostPaths;

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
 * Starts and stops the resident {@link CreateHelper} for {@code docker-unikernel runtime
 * install|uninstall}: a JVM of its own in a session of its own (it outlives the command), run from
 * a copy of the jar, its output in {@value #LOG}. Without it the runtime still works, one JVM
 * start slower per create.
 */
public final class CreateHelperProcess {
    static final String LOG = "/var/log/docker-unikernel/runtime-helper.log";
    static final Path JAR_COPY = HostPaths.RUN_DIR.resolve("runtime-helper.jar");
    private static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 20;
    /** A long-lived but tiny server: C1 only, a small serial heap. */
    private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData");

    private CreateHelperProcess() {
    }

    /** Starts the helper from {@code jar} unless one started from that jar, as it is now, already answers. */
    public static String start(Path jar) throws RegistrationException {
        JarStamp stamp;
        try {
            stamp = JarStamp.of(jar);
        } catch (IOException e) {
            throw new RegistrationException("Cannot read " + jar + ": " + e.getMessage() + ": build it with scripts/build-jar.sh", e);
        }
        Optional<ProcessHandle> running = running();
        if (running.isPresent() && answers() && stampOf(running.get()).equals(Optional.of(stamp))) {
            return "The runtime helper is already running (pid " + running.get().pid() + ", " + CreateHelper.SOCKET + ")";
        }
        String stopped = running.isPresent() ? stop() + "; " : "";
        try {
            Files.createDirectories(HostPaths.RUN_DIR);
            Path log = Path.of(LOG);
            Files.createDirectories(log.getParent());
            Path copy = Files.createTempFile(HostPaths.RUN_DIR, "runtime-helper", ".jar");
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
                    throw new RegistrationException("The runtime helper exited with status " + helper.exitValue() + " as it started: see " + LOG);
                }
                if (System.nanoTime() > deadline) {
                    helper.destroyForcibly();
                    throw new RegistrationException("The runtime helper did not answer on " + CreateHelper.SOCKET + " within "
                            + START_WAIT.toSeconds() + " s: see " + LOG);
                }
                Thread.sleep(POLL_MILLIS);
            }
            return stopped + "Started the runtime helper (pid " + helper.pid()
                    + ", " + CreateHelper.SOCKET + ", log " + LOG + "): creates of our images skip a JVM start";
        } catch (IOException e) {
            throw new RegistrationException("Failed to start the runtime helper: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistrationException("Interrupted while starting the runtime helper", e);
        }
    }

    /** Stops the helper (SIGTERM: it finishes the requests in progress) and says what it did. */
    public static String stop() throws RegistrationException {
        Optional<ProcessHandle> running = running();
        if (running.isEmpty()) {
            return "No runtime helper was running";
        }
        ProcessHandle helper = running.get();
        helper.destroy();
        try {
            helper.onExit().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            helper.destroyForcibly();
        } catch (ExecutionException e) {
            throw new RegistrationException("Failed to wait for the runtime helper (pid " + helper.pid() + ") to stop: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistrationException("Interrupted while stopping the runtime helper (pid " + helper.pid() + ")", e);
        }
        try {
            Files.deleteIfExists(JAR_COPY);
        } catch (IOException e) {
            throw new RegistrationException("Stopped the runtime helper (pid " + helper.pid() + ") but cannot remove " + JAR_COPY + ": " + e.getMessage(), e);
        }
        return "Stopped the runtime helper (pid " + helper.pid() + ")";
    }

    /** The helper named by its pid file, if that process is alive and is the helper. */
    public static Optional<ProcessHandle> running() {
        try {
            long pid = Long.parseLong(Files.readString(CreateHelperMain.PID_FILE, StandardCharsets.US_ASCII).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> arguments(p).contains(CreateHelperMain.class.getName()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether something accepts on the helper's socket now. */
    static boolean answers() {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            return channel.connect(UnixDomainSocketAddress.of(CreateHelper.SOCKET));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> arguments(ProcessHandle process) {
        return process.info().arguments().map(List::of).orElse(List.of());
    }

    private static Optional<JarStamp> stampOf(ProcessHandle helper) {
        List<String> args = arguments(helper);
        return property(args, CreateHelperMain.SOURCE_JAR).flatMap(jar -> property(args, CreateHelperMain.SOURCE_SIZE).flatMap(size ->
                property(args, CreateHelperMain.SOURCE_MODIFIED).map(modified ->
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
        command.addAll(List.of("-D" + CreateHelperMain.SOURCE_JAR + "=" + stamp.jar(), "-D" + CreateHelperMain.SOURCE_SIZE + "=" + stamp.size(),
                "-D" + CreateHelperMain.SOURCE_MODIFIED + "=" + stamp.modifiedMillis(), "-cp", JAR_COPY.toString(), CreateHelperMain.class.getName()));
        return command;
    }
}
