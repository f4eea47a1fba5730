package io.unikernel.demo.kvm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.tinylog.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;

/** The host's KVM verdict in one JSON file, valid only for the key it was decided under. */
public final class VerdictCache {
    private static final ObjectMapper JSON = new ObjectMapper();

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
        try {
            JsonNode root = JSON.readTree(file.toFile());
            JsonNode k = root.path("key");
            HostKey stored = new HostKey(k.path("kernelRelease").asText(), k.path("cpuModel").asText(),
                    k.path("cpuFlags").asText(), k.path("probeImage").asText(), k.path("device").asText());
            if (!stored.equals(key)) {
                return Optional.empty();
            }
            JsonNode v = root.path("verdict");
            return Optional.of(new KvmVerdict(v.path("kvm").asBoolean(), v.path("reason").asText(),
                    Duration.ofMillis(v.path("probeMillis").asLong())));
        } catch (IOException | RuntimeException e) {
            Logger.debug(e, "ignoring the unreadable KVM verdict in {}", file);
            return Optional.empty();
        }
    }

    /** Replaces the file at once (a reader sees the old verdict or the new, never half of one). */
    public void write(HostKey key, KvmVerdict verdict) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("key").put("kernelRelease", key.kernelRelease()).put("cpuModel", key.cpuModel())
                .put("cpuFlags", key.cpuFlags()).put("probeImage", key.probeImage()).put("device", key.device());
        root.putObject("verdict").put("kvm", verdict.kvm()).put("reason", verdict.reason())
                .put("probeMillis", verdict.probe().toMillis());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
