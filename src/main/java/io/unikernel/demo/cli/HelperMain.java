package io.unikernel.demo.cli;

import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.host.JarStamp;
import io.unikernel.demo.runtime.CreateHelper;
import org.tinylog.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * The resident helper's process, as {@link HelperProcess} starts it: one per host (a lock held for
 * its life), warmed up, its pid in a file, answering the runtime's creates ({@link CreateHelper})
 * and the CLI's detached runs ({@link RunService}) until SIGTERM, or until the jar it was copied
 * from changes (either service then stops, and so does the process). Properties
 * {@value #SOURCE_JAR}, {@value #SOURCE_SIZE} and {@value #SOURCE_MODIFIED}: that jar, stamped
 * before it was copied.
 */
public final class HelperMain {
    static final String SOURCE_JAR = "unikernel.helper.jar";
    static final String SOURCE_SIZE = "unikernel.helper.jar.size";
    static final String SOURCE_MODIFIED = "unikernel.helper.jar.modified";
    static final Path LOCK = HostPaths.RUN_DIR.resolve("helper.lock");
    static final Path PID_FILE = HostPaths.RUN_DIR.resolve("helper.pid");

    private HelperMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Files.createDirectories(HostPaths.RUN_DIR);
        Optional<JarStamp> source = Optional.ofNullable(System.getProperty(SOURCE_JAR)).map(jar -> new JarStamp(Path.of(jar),
                Long.getLong(SOURCE_SIZE, -1), Long.getLong(SOURCE_MODIFIED, -1)));
        try (FileChannel lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                System.err.println(Main.PROGRAM + ": a helper is already running (" + PID_FILE + ")");
                System.exit(1);
            }
            CreateHelper creates = CreateHelper.bind(CreateHelper.SOCKET, HostPaths.real(), source);
            RunService runs = RunService.bind(RunService.SOCKET, source, System.getenv());
            creates.warmUp();
            runs.warmUp();
            Files.writeString(PID_FILE, ProcessHandle.current().pid() + "\n");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(creates, runs), "helper-stop"));
            System.err.println("helper: pid " + ProcessHandle.current().pid() + ", serving on " + CreateHelper.SOCKET
                    + " and " + RunService.SOCKET);
            CountDownLatch oneStopped = new CountDownLatch(1);
            serveOn("runtime-helper", creates::serve, oneStopped);
            serveOn("run-helper", runs::serve, oneStopped);
            oneStopped.await();
        }
        System.exit(0);
    }

    private static void serveOn(String name, Runnable serve, CountDownLatch stopped) {
        Thread thread = new Thread(() -> {
            serve.run();
            stopped.countDown();
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void stop(CreateHelper creates, RunService runs) {
        try (creates; runs) {
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            Logger.warn(e, "helper: cleaning up failed");
        }
    }
}
