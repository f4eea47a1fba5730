package io.unikernel.demo.kvm;

import org.tinylog.Logger;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * The host's KVM verdict in one properties file, valid only for the key it was decided under.
 * Properties rather than JSON: every launch reads it, and a cold JVM parses it in a millisecond
 * where a JSON mapper first costs a quarter of a second to set up.
 */
public final class VerdictCache {
    private final Path file;

    public VerdictCache(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The verdict stored for exactly this key; empty when there is none, or it was decided under another. */
    public Optional<KvmVerdict> read(HostKey key) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            HostKey stored = new HostKey(p.getProperty("key.kernelRelease"), p.getProperty("key.cpuModel"),
                    p.getProperty("key.cpuFlags"), p.getProperty("key.probeImage"), p.getProperty("key.device"));
            if (!stored.equals(key)) {
                return Optional.empty();
            }
            return Optional.of(new KvmVerdict(Boolean.parseBoolean(p.getProperty("verdict.kvm")),
                    p.getProperty("verdict.reason", ""), Duration.ofMillis(Long.parseLong(p.getProperty("verdict.probeMillis")))));
        } catch (IOException | RuntimeException e) {
            Logger.debug(e, "ignoring the unreadable KVM verdict in {}", file);
            return Optional.empty();
        }
    }

    /** Replaces the file at once (a reader sees the old verdict or the new, never half of one). */
    public void write(HostKey key, KvmVerdict verdict) throws IOException {
        Properties p = new Properties();
        p.setProperty("key.kernelRelease", key.kernelRelease());
        p.setProperty("key.cpuModel", key.cpuModel());
        p.setProperty("key.cpuFlags", key.cpuFlags());
        p.setProperty("key.probeImage", key.probeImage());
        p.setProperty("key.device", key.device());
        p.setProperty("verdict.kvm", Boolean.toString(verdict.kvm()));
        p.setProperty("verdict.reason", verdict.reason());
        p.setProperty("verdict.probeMillis", Long.toString(verdict.probe().toMillis()));
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(temp)) {
                p.store(out, "docker-unikernel: this host's KVM verdict; delete the file to probe again");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
