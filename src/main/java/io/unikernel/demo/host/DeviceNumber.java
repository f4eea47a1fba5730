package io.unikernel.demo.host;

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

    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
