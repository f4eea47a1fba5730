package io.unikernel.demo.preflight;

import io.unikernel.demo.host.HostException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory for the guests: each takes its own (128 MiB, MySQL more) on top of QEMU's. */
final class MemoryCheck implements HostCheck {
    static final long ENOUGH_BYTES = 2L << 30;

    private final Path meminfo;

    MemoryCheck(Path proc) {
        this.meminfo = proc.resolve("meminfo");
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Check run() throws HostException {
        return decide(availableBytes());
    }

    Check decide(long available) {
        String figure = Sizes.gib(available) + " available";
        return available >= ENOUGH_BYTES ? Check.ok(name(), figure)
                : Check.warn(name(), "only " + figure + " (" + Sizes.gib(ENOUGH_BYTES) + " advised): fewer guests fit",
                        "stop other containers or programs to free memory");
    }

    /** MemAvailable, the kernel's estimate of what can be used without swapping. */
    long availableBytes() throws HostException {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                String[] fields = line.split("\\s+");
                if (fields[0].equals("MemAvailable:") && fields.length >= 2) {
                    return Long.parseLong(fields[1]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new HostException("Failed to read MemAvailable from " + meminfo + ": " + e.getMessage(), e);
        }
        throw new HostException("Failed to find MemAvailable in " + meminfo + " (kernels before 3.14 lack it)");
    }
}
