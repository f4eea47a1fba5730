package io.unikernel.demo.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/** The kernel's table of registered device majors ({@code /proc/devices}). */
public final class ProcDevices {
    private final Path file;

    public ProcDevices(Path procRoot) {
        this.file = procRoot.resolve("devices");
    }

    /** The major of a character device driver, e.g. {@code macvtap}; empty when its module is not loaded. */
    public OptionalInt characterMajor(String driver) throws HostException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new HostException("Failed to read " + file + ": " + e.getMessage(), e);
        }
        boolean inCharacterSection = false;
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.endsWith("devices:")) {
                inCharacterSection = trimmed.startsWith("Character");
                continue;
            }
            String[] fields = trimmed.split("\\s+");
            if (inCharacterSection && fields.length == 2 && fields[1].equals(driver)) {
                return OptionalInt.of(Integer.parseInt(fields[0]));
            }
        }
        return OptionalInt.empty();
    }

    /** The macvtap major, or an error telling the user to load the module. */
    public int macvtapMajor() throws HostException {
        return characterMajor("macvtap").orElseThrow(() -> new HostException(
                "The macvtap kernel module is not loaded (no 'macvtap' in " + file + "): run 'modprobe macvtap' and try again"));
    }
}
