package io.unikernel.demo.runtime;

import io.unikernel.demo.host.HostException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The local dockerd process: its pid, and the daemon.json it reads (its --config-file, else the default). */
public record Dockerd(long pid, Path configFile) {
    public static final Path DEFAULT_CONFIG = Path.of("/etc/docker/daemon.json");
    static final Path PID_FILE = Path.of("/var/run/docker.pid");
    private static final String COMM = "dockerd";
    private static final String CONFIG_FLAG = "--config-file";

    /** Finds dockerd through its pid file, else by name in {@code proc}. */
    public static Dockerd find(Path proc, Path pidFile) throws HostException {
        Optional<Long> pid = fromPidFile(proc, pidFile);
        if (pid.isEmpty()) {
            pid = byName(proc);
        }
        long found = pid.orElseThrow(() -> new HostException(
                "No dockerd process is running on this host: start it (e.g. 'systemctl start docker' or 'dockerd &'), then try again"));
        return new Dockerd(found, configFile(cmdline(proc, found)));
    }

    public static Dockerd find() throws HostException {
        return find(Path.of("/proc"), PID_FILE);
    }

    static Path configFile(List<String> cmdline) {
        for (int i = 0; i < cmdline.size(); i++) {
            String arg = cmdline.get(i);
            if (arg.equals(CONFIG_FLAG) && i + 1 < cmdline.size()) {
                return Path.of(cmdline.get(i + 1));
            }
            if (arg.startsWith(CONFIG_FLAG + "=")) {
                return Path.of(arg.substring(CONFIG_FLAG.length() + 1));
            }
        }
        return DEFAULT_CONFIG;
    }

    private static Optional<Long> fromPidFile(Path proc, Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return isDockerd(proc, pid) ? Optional.of(pid) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> byName(Path proc) throws HostException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (isDockerd(proc, pid)) {
                    return Optional.of(pid);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new HostException("Failed to list the processes in " + proc + ": " + e.getMessage(), e);
        }
    }

    private static boolean isDockerd(Path proc, long pid) {
        try {
            return Files.readString(proc.resolve(Long.toString(pid)).resolve("comm")).strip().equals(COMM);
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> cmdline(Path proc, long pid) throws HostException {
        Path file = proc.resolve(Long.toString(pid)).resolve("cmdline");
        try {
            return List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0"));
        } catch (IOException e) {
            throw new HostException("Failed to read " + file + ": " + e.getMessage(), e);
        }
    }
}
