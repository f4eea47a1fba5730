package io.unikernel.demo.host;

import java.nio.file.Path;

/** A device opened for ioctl(2) requests, or a descriptor such a request returned (a KVM VM). */
public final class DeviceFile implements AutoCloseable {
    // From fcntl.h.
    private static final int O_RDWR = 02;
    private static final int O_CLOEXEC = 02000000;

    private final int fd;
    private boolean closed;

    private DeviceFile(int fd) {
        this.fd = fd;
    }

    public static DeviceFile openReadWrite(Path device) throws SystemCallException {
        return new DeviceFile(NativeHost.open(device.toString(), O_RDWR | O_CLOEXEC, device.toString()));
    }

    /** An ioctl without argument; returns its non-negative result. */
    public int ioctl(long request, String operation) throws SystemCallException {
        int result = Libc.functions().ioctl(fd, request, 0);
        if (result < 0) {
            throw SystemCallException.ofLastCall(operation);
        }
        return result;
    }

    /** An ioctl without argument whose result is a new descriptor, which the caller closes. */
    public DeviceFile ioctlForFile(long request, String operation) throws SystemCallException {
        return new DeviceFile(ioctl(request, operation));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            NativeHost.close(fd);
        }
    }
}
