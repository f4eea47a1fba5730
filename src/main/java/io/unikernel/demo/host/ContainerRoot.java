package io.unikernel.demo.host;

import org.tinylog.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A running container's file system seen from the host through {@code /proc/<pid>/root}: the
 * launcher writes the contract's files and creates the tap device node here, without entering
 * the container's mount namespace.
 */
public final class ContainerRoot {
    private final Path root;

    public ContainerRoot(Path procRoot, int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("container pid " + pid + " must be positive");
        }
        this.root = procRoot.resolve(Integer.toString(pid)).resolve("root");
    }

    /**
     * Binds the native calls now. jnr-ffi generates its stubs on first use (a few hundred ms on a
     * cold JVM); a launcher can pay that while Docker creates the container instead of after.
     */
    public static void loadNativeCalls() {
        NativeHost.load();
    }

    /** The container's network namespace file, for rtnetlink. */
    public static Path netNamespace(Path procRoot, int pid) {
        return procRoot.resolve(Integer.toString(pid)).resolve("ns").resolve("net");
    }

    public Path path() {
        return root;
    }

    /** Writes a small file at the container's root, e.g. {@code /ip}. */
    public void writeFile(String name, String content) throws HostException {
        Path target = resolve(name);
        try {
            Files.writeString(target, content, StandardCharsets.US_ASCII);
            Logger.debug("echo '{}' > {}", content.strip(), target);
        } catch (IOException e) {
            throw new HostException("Failed to write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code major:minor} of a macvtap's character device, from the container's sysfs
     * ({@code sys/devices/virtual/net/<vtap>/macvtap/tap<ifindex>/dev}).
     */
    public DeviceNumber tapDevice(String macvtapName) throws HostException {
        Path dir = resolve("sys/devices/virtual/net/" + macvtapName + "/macvtap");
        try (DirectoryStream<Path> taps = Files.newDirectoryStream(dir, "tap*")) {
            for (Path tap : taps) {
                return DeviceNumber.parse(Files.readString(tap.resolve("dev")));
            }
        } catch (NoSuchFileException e) {
            throw new HostException("Failed to find the tap device of " + macvtapName + ": " + dir
                    + " does not exist (is sysfs mounted in the container?)", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new HostException("Failed to read the tap device of " + macvtapName + " in " + dir + ": " + e.getMessage(), e);
        }
        throw new HostException("Failed to find the tap device of " + macvtapName + ": " + dir + " holds no tap* entry");
    }

    /** Creates a character device node (mode 0600) inside the container, e.g. {@code dev/tap0}. */
    public void mknodCharDevice(String name, DeviceNumber device) throws HostException {
        Path target = resolve(name);
        NativeHost.mknodCharDevice(target.toString(), 0600, device);
        Logger.debug("mknod {} c {} {}", target, device.major(), device.minor());
    }

    private Path resolve(String name) {
        Path relative = Path.of(name.startsWith("/") ? name.substring(1) : name);
        if (relative.isAbsolute() || relative.normalize().startsWith("..")) {
            throw new IllegalArgumentException("'" + name + "' is not a path inside the container");
        }
        return root.resolve(relative);
    }
}
