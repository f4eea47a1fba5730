package io.unikernel.demo.runtime;

import io.unikernel.demo.host.HostPaths;
import org.tinylog.Logger;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The resident runtime helper's process, as {@link CreateHelperProcess} starts it: one per host
 * (a lock held for its life), warmed up, its pid in a file, serving until SIGTERM or until the jar
 * it was copied from changes. Properties {@value #SOURCE_JAR}, {@value #SOURCE_SIZE} and
 * {@value #SOURCE_MODIFIED}: that jar, stamped before it was copied.
 */
public final class CreateHelperMain {
    static final String SOURCE_JAR = "unikernel.helper.jar";
    static final String SOURCE_SIZE = "unikernel.helper.jar.size";
    static final String SOURCE_MODIFIED = "unikernel.helper.jar.modified";
    static final Path LOCK = HostPaths.RUN_DIR.resolve("runtime-helper.lock");
    static final Path PID_FILE = HostPaths.RUN_DIR.resolve("runtime-helper.pid");

    private CreateHelperMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Files.createDirectories(HostPaths.RUN_DIR);
        Optional<JarStamp> source = Optional.ofNullable(System.getProperty(SOURCE_JAR)).map(jar -> new JarStamp(Path.of(jar),
                Long.getLong(SOURCE_SIZE, -1), Long.getLong(SOURCE_MODIFIED, -1)));
        try (FileChannel lockFile = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                System.err.println("docker-unikernel-runtime: a runtime helper is already running (" + PID_FILE + ")");
                System.exit(1);
            }
            CreateHelper helper = CreateHelper.bind(CreateHelper.SOCKET, HostPaths.real(), source);
            helper.warmUp();
            Files.writeString(PID_FILE, ProcessHandle.current().pid() + "\n");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(helper), "runtime-helper-stop"));
            System.err.println("runtime helper: pid " + ProcessHandle.current().pid() + ", serving on " + CreateHelper.SOCKET);
            helper.serve();
        }
        System.exit(0);
    }

    private static void stop(CreateHelper helper) {
        try {
            helper.close();
            Files.deleteIfExists(PID_FILE);
        } catch (IOException e) {
            Logger.warn(e, "runtime helper: cleaning up failed");
        }
    }
}
