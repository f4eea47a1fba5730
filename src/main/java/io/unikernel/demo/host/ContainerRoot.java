package io.unikernel.demo.host;

import org.tinylog.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A running container's file system seen from the host, held as an O_PATH descriptor of
 * {@code /proc/<pid>/root}: the launcher writes the contract's files and creates the tap device
 * node here, without entering the container's mount namespace.
 *
 * <p>Every path is resolved by openat2(2) with the container's root as the root: under a plain
 * {@code /proc/<pid>/root/...} path an absolute symbolic link in the image resolves against the
 * host's root, so an image shipping {@code /ip -> /etc/cron.d/x} would have root overwrite a host
 * file. What the host writes, creates or connects to may not be or pass through a link at all;
 * what it only reads (sysfs, resolv.conf) may pass through links, which then stay inside the
 * container.
 */
public final class ContainerRoot implements AutoCloseable {
    /** Links stay inside the root; magic links (/proc/PID/...) could lead anywhere and are refused. */
    private static final long CONFINED = OpenHow.RESOLVE_IN_ROOT | OpenHow.RESOLVE_NO_MAGICLINKS;
    private static final long NO_LINKS = CONFINED | OpenHow.RESOLVE_NO_SYMLINKS;
    private static final int CONTRACT_FILE_MODE = 0644;
    private static final int DEVICE_NODE_MODE = 0600;

    private final Descriptor root;

    private ContainerRoot(Descriptor root) {
        this.root = root;
    }

    /** Holds the root of the process's mount namespace; fails if the process is gone. */
    public static ContainerRoot open(Path procRoot, int pid) throws HostException {
        if (pid <= 0) {
            throw new IllegalArgumentException("container pid " + pid + " must be positive");
        }
        return new ContainerRoot(Descriptor.openDirectory(procRoot.resolve(Integer.toString(pid)).resolve("root")));
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

    /**
     * Writes a small contract file at the container's root, e.g. {@code /ip}: created if missing,
     * replaced if a regular file; a link or any other kind of file there or above is refused.
     */
    public void writeFile(String name, String content) throws HostException {
        String relative = relative(name);
        Descriptor opened = openForWriting(relative);
        try (opened) {
            Files.writeString(opened.reopenPath(), content, StandardCharsets.US_ASCII,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            Logger.debug("echo '{}' > {}", content.strip(), "/" + relative);
        } catch (IOException e) {
            throw new HostException("Failed to write /" + relative + " in the container: " + e.getMessage(), e);
        }
    }

    private Descriptor openForWriting(String relative) throws HostException {
        OpenHow create = new OpenHow(OpenHow.O_WRONLY | OpenHow.O_CREAT | OpenHow.O_EXCL | OpenHow.O_NOCTTY
                | OpenHow.O_CLOEXEC, CONTRACT_FILE_MODE, NO_LINKS);
        try {
            return root.open(relative, create, "/" + relative);
        } catch (SystemCallException e) {
            if (e.errno() != SystemCallException.EEXIST) {
                throw refusal(relative, FileKind.REGULAR, e);
            }
        }
        return existing(relative, FileKind.REGULAR);
    }

    /** A small file the host only reads; links on the way are followed inside the container, a last one is not. */
    public String readFile(String name) throws HostException {
        String relative = relative(name);
        Descriptor opened = root.open(relative, OpenHow.pathOnly(CONFINED), "/" + relative);
        try (opened) {
            FileKind kind = opened.kind();
            if (kind != FileKind.REGULAR) {
                throw new UnsafePathException("/" + relative, kind, FileKind.REGULAR);
            }
            return Files.readString(opened.reopenPath(), StandardCharsets.UTF_8);
        } catch (HostException e) {
            throw e;
        } catch (IOException e) {
            throw new HostException("Failed to read /" + relative + " in the container: " + e.getMessage(), e);
        }
    }

    /** The names in a directory that match a glob, e.g. {@code vtap*}. */
    public List<String> list(String directory, String glob) throws HostException {
        String relative = relative(directory);
        OpenHow how = new OpenHow(OpenHow.O_PATH | OpenHow.O_DIRECTORY | OpenHow.O_NOFOLLOW | OpenHow.O_CLOEXEC, 0, CONFINED);
        Descriptor opened = root.open(relative, how, "/" + relative);
        try (opened; DirectoryStream<Path> entries = Files.newDirectoryStream(opened.reopenPath(), glob)) {
            List<String> names = new ArrayList<>();
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
            return names;
        } catch (IOException e) {
            throw new HostException("Failed to list /" + relative + " in the container: " + e.getMessage(), e);
        }
    }

    /**
     * The {@code major:minor} of a macvtap's character device, from the container's sysfs
     * ({@code sys/devices/virtual/net/<vtap>/macvtap/tap<ifindex>/dev}).
     */
    public DeviceNumber tapDevice(String macvtapName) throws HostException {
        String dir = "sys/devices/virtual/net/" + macvtapName + "/macvtap";
        List<String> taps;
        try {
            taps = list(dir, "tap*");
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ENOENT) {
                throw new HostException("Failed to find the tap device of " + macvtapName + ": /" + dir
                        + " does not exist (is sysfs mounted in the container?)", e);
            }
            throw e;
        }
        if (taps.isEmpty()) {
            throw new HostException("Failed to find the tap device of " + macvtapName + ": /" + dir + " holds no tap* entry");
        }
        String dev = dir + "/" + taps.get(0) + "/dev";
        try {
            return DeviceNumber.parse(readFile(dev));
        } catch (IllegalArgumentException e) {
            throw new HostException("Failed to read the tap device of " + macvtapName + " in /" + dev + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a character device node (mode 0600) inside the container, e.g. {@code dev/tap0}; a
     * directory above it that is a link is refused.
     */
    public void mknodCharDevice(String name, DeviceNumber device) throws HostException {
        String relative = relative(name);
        int slash = relative.lastIndexOf('/');
        if (slash < 0) {
            root.mknodCharDevice(relative, DEVICE_NODE_MODE, device, "/" + relative);
        } else {
            try (Descriptor dir = directory(relative.substring(0, slash))) {
                dir.mknodCharDevice(relative.substring(slash + 1), DEVICE_NODE_MODE, device, "/" + relative);
            }
        }
        Logger.debug("mknod /{} c {} {}", relative, device.major(), device.minor());
    }

    /** Refuses a link, or a file of another kind, at the path or above it; nothing there at all is fine. */
    public void requireAbsentOr(String name, FileKind expected) throws HostException {
        String relative = relative(name);
        try (Descriptor found = root.open(relative, OpenHow.pathOnly(NO_LINKS), "/" + relative)) {
            FileKind kind = found.kind();
            if (kind != expected) {
                throw new UnsafePathException("/" + relative, kind, expected);
            }
        } catch (SystemCallException e) {
            if (e.errno() != SystemCallException.ENOENT) {
                throw refusal(relative, expected, e);
            }
        }
    }

    /** Something done with a socket's path. */
    @FunctionalInterface
    public interface SocketUser<T> {
        T use(Path socket) throws IOException;
    }

    /**
     * Hands a unix socket in the container to {@code user} as a path that reaches exactly that
     * socket ({@code /proc/self/fd/N} of its O_PATH descriptor); empty when there is none. A link,
     * or anything but a socket, is refused.
     */
    public <T> Optional<T> withSocket(String name, SocketUser<T> user) throws IOException {
        String relative = relative(name);
        Descriptor socket;
        try {
            socket = root.open(relative, OpenHow.pathOnly(NO_LINKS), "/" + relative);
        } catch (SystemCallException e) {
            if (e.errno() == SystemCallException.ENOENT) {
                return Optional.empty();
            }
            throw refusal(relative, FileKind.SOCKET, e);
        }
        try (socket) {
            FileKind kind = socket.kind();
            if (kind != FileKind.SOCKET) {
                throw new UnsafePathException("/" + relative, kind, FileKind.SOCKET);
            }
            return Optional.of(user.use(socket.reopenPath()));
        }
    }

    @Override
    public void close() {
        root.close();
    }

    private Descriptor directory(String relative) throws HostException {
        OpenHow how = new OpenHow(OpenHow.O_PATH | OpenHow.O_DIRECTORY | OpenHow.O_NOFOLLOW | OpenHow.O_CLOEXEC, 0, NO_LINKS);
        try {
            return root.open(relative, how, "/" + relative);
        } catch (SystemCallException e) {
            throw refusal(relative, FileKind.DIRECTORY, e);
        }
    }

    private Descriptor existing(String relative, FileKind expected) throws HostException {
        Descriptor found;
        try {
            found = root.open(relative, OpenHow.pathOnly(NO_LINKS), "/" + relative);
        } catch (SystemCallException e) {
            throw refusal(relative, expected, e);
        }
        try {
            FileKind kind = found.kind();
            if (kind != expected) {
                throw new UnsafePathException("/" + relative, kind, expected);
            }
            return found;
        } catch (HostException e) {
            found.close();
            throw e;
        }
    }

    /**
     * Why openat2 refused: ELOOP (a link) and ENOTDIR (a file where a directory belongs) name the
     * component at fault; anything else is the kernel's own error.
     */
    private HostException refusal(String relative, FileKind expectedLast, SystemCallException failure) {
        if (failure.errno() != SystemCallException.ELOOP && failure.errno() != SystemCallException.ENOTDIR) {
            return failure;
        }
        String[] parts = relative.split("/");
        for (int i = 1; i <= parts.length; i++) {
            String prefix = String.join("/", List.of(parts).subList(0, i));
            FileKind expected = i == parts.length ? expectedLast : FileKind.DIRECTORY;
            try (Descriptor found = root.open(prefix, OpenHow.pathOnly(NO_LINKS), "/" + prefix)) {
                FileKind kind = found.kind();
                if (kind != expected) {
                    return new UnsafePathException("/" + prefix, kind, expected);
                }
            } catch (SystemCallException e) {
                // changed since the refusal (the container runs meanwhile): the refusal's own errno says enough
                return failure;
            }
        }
        return failure;
    }

    /** A path relative to the container's root; "/ip" and "ip" are the same, ".." is no path inside it. */
    private static String relative(String name) {
        String relative = name.startsWith("/") ? name.substring(1) : name;
        if (relative.isEmpty() || List.of(relative.split("/")).stream().anyMatch(p -> p.isEmpty() || p.equals("..") || p.equals("."))) {
            throw new IllegalArgumentException("'" + name + "' is not a path inside the container");
        }
        return relative;
    }
}
