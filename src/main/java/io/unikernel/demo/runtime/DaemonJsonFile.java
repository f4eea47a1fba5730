package io.unikernel.demo.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/** dockerd's configuration file, read whole and replaced whole (a rename, so dockerd never reads half of it). */
public record DaemonJsonFile(Path path) {
    private static final Set<PosixFilePermission> NEW_FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    public Optional<String> read() throws IOException {
        try {
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code text}, or deletes the file when it is empty. */
    public void write(Optional<String> text) throws IOException {
        if (text.isEmpty()) {
            Files.deleteIfExists(path);
            return;
        }
        Set<PosixFilePermission> mode = Files.exists(path) ? Files.getPosixFilePermissions(path) : NEW_FILE_MODE;
        Files.createDirectories(path.toAbsolutePath().getParent());
        Path temp = path.resolveSibling(path.getFileName() + ".docker-unikernel.tmp");
        try {
            Files.writeString(temp, text.get(), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temp, mode);
            Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
