package io.unikernel.demo.host;

import java.nio.file.Path;

/**
 * A file descriptor of this process, mostly O_PATH ones: a handle on one inode that no later
 * rename or link swap can redirect. Files below a directory descriptor are opened with openat2(2),
 * and the inode one refers to is reached again through {@code /proc/self/fd/N}, which leads to that
 * very inode whatever its path has become since.
 */
final class Descriptor implements AutoCloseable {
    private final int fd;
    private final String shown;
    private boolean closed;

    private Descriptor(int fd, String shown) {
        this.fd = fd;
        this.shown = shown;
    }

    /** An O_PATH descriptor of a host directory; a magic link such as /proc/PID/root is followed. */
    static Descriptor openDirectory(Path directory) throws SystemCallException {
        OpenHow how = new OpenHow(OpenHow.O_PATH | OpenHow.O_DIRECTORY | OpenHow.O_CLOEXEC, 0, 0);
        return new Descriptor(NativeHost.openat2(NativeHost.AT_FDCWD, directory.toString(), how, directory.toString()),
                directory.toString());
    }

    /**
     * openat2 of a path below this directory.
     *
     * @param shown the path as a message names it
     */
    Descriptor open(String relative, OpenHow how, String shown) throws SystemCallException {
        return new Descriptor(NativeHost.openat2(fd, relative, how, shown), shown);
    }

    FileKind kind() throws SystemCallException {
        return FileKind.ofMode(NativeHost.fileMode(fd, shown));
    }

    /** A character device node named {@code name} in this directory; nothing that exists there is followed. */
    void mknodCharDevice(String name, int permissions, DeviceNumber device, String shownNode) throws SystemCallException {
        NativeHost.mknodCharDeviceAt(fd, name, permissions, device, shownNode);
    }

    /** The path that reopens (or, for a socket, connects to) this very inode while the descriptor is open. */
    Path reopenPath() {
        return Path.of("/proc/self/fd/" + fd);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            NativeHost.close(fd);
        }
    }
}
