package io.unikernel.demo.dns;

import io.unikernel.demo.host.HostPaths;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The file a running DNS server leaves in its state directory ({@value #FILE_NAME}: pid,
 * address, port), so the launcher can hand guests their resolver without probing the network.
 */
public record DnsServerState(long pid, InetAddress address, int port) {
    public static final Path DEFAULT_DIR = HostPaths.RUN_DIR;
    public static final String FILE_NAME = "dns.state";

    public DnsServerState {
        Objects.requireNonNull(address, "address was not specified");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1-65535");
        }
    }

    /**
     * The address of the DNS server running on this host on port 53, the only port a guest's
     * resolver can use; empty when none runs (no state file, or its process is gone).
     * Reads one small file: no network probe.
     */
    public static Optional<InetAddress> running() {
        return running(DEFAULT_DIR);
    }

    public static Optional<InetAddress> running(Path stateDir) {
        return read(stateDir)
                .filter(state -> state.port() == ResolvConf.DNS_PORT)
                .filter(DnsServerState::isAlive)
                .map(DnsServerState::address);
    }

    /** The state file's content, whether or not its process still lives; empty if absent or unreadable. */
    public static Optional<DnsServerState> read(Path stateDir) {
        Path file = stateDir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        try {
            return Optional.of(new DnsServerState(Long.parseLong(fields.get("pid")),
                    InetAddress.getByName(literal(fields.get("address"))), Integer.parseInt(fields.get("port"))));
        } catch (RuntimeException | IOException e) {
            return Optional.empty();
        }
    }

    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Writes this state atomically (temporary file, then rename) into STATE_DIR. */
    public void write(Path stateDir) throws IOException {
        try {
            Files.createDirectories(stateDir);
            Path temp = stateDir.resolve(FILE_NAME + ".tmp");
            Files.writeString(temp, "pid=" + pid + "\naddress=" + address.getHostAddress() + "\nport=" + port + "\n",
                    StandardCharsets.US_ASCII);
            Files.move(temp, stateDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("Failed to write " + stateDir.resolve(FILE_NAME) + ": " + e
                    + "; hint: run as root, or choose a writable state directory", e);
        }
    }

    /** Removes the state file if it is still this state (another server may have replaced it). */
    public void remove(Path stateDir) throws IOException {
        if (read(stateDir).filter(this::equals).isPresent()) {
            Files.deleteIfExists(stateDir.resolve(FILE_NAME));
        }
    }

    private static String literal(String address) {
        if (address == null || !address.matches("[0-9A-Fa-f:.]+")) {
            throw new IllegalArgumentException("address '" + address + "' is not a literal IP address");
        }
        return address;
    }
}
