package io.unikernel.demo.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** A device's major:minor pair, as sysfs writes it in a {@code dev} file. */
public record DeviceNumber(int major, int minor) {
    public DeviceNumber {
        if (major < 0 || major > 4095) {
            throw new IllegalArgumentException("device major " + major + " is outside 0..4095");
        }
        if (minor < 0 || minor > 1048575) {
            throw new IllegalArgumentException("device minor " + minor + " is outside 0..1048575");
        }
    }

    /** Parses {@code "246:3"}. */
    public static DeviceNumber parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a device number of the form MAJOR:MINOR");
        }
        try {
            return new DeviceNumber(Integer.parseInt(trimmed.substring(0, colon)),
                    Integer.parseInt(trimmed.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a device number of the form MAJOR:MINOR", e);
        }
    }

    /** The number of a device node, from its inode ({@code st_rdev}, split as glibc's gnu_dev_major/minor do). */
    public static DeviceNumber of(Path node) throws HostException {
        long rdev;
        try {
            rdev = ((Number) Files.getAttribute(node, "unix:rdev", LinkOption.NOFOLLOW_LINKS)).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw new HostException("Failed to read the device number of " + node + ": " + e.getMessage(), e);
        }
        if (rdev == 0) {
            throw new HostException(node + " is not a device node");
        }
        return new DeviceNumber((int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL)),
                (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
    }

    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
