package io.unikernel.demo.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A SIGKILLed {@code docker-unikernel dns --host-resolv} (or console) leaves resolv.conf naming a
 * server that is gone, and the host resolves nothing. Every start of the CLI asks {@link #repair}
 * to put the file back (from the backup, or by taking out the lines we added), and preflight
 * asks {@link #inspect} how it stands.
 */
public final class ResolvRepair {
    /** How resolv.conf stands with respect to our DNS server. */
    public sealed interface Standing {
        /** Nothing of ours in it. */
        record Clean() implements Standing {
        }

        /** It names our server, which runs. */
        record Served(long pid, InetAddress address) implements Standing {
        }

        /** It names our server, which is gone: ADDRESS (when known) answers nothing. */
        record Stale(Optional<InetAddress> address, boolean backupExists) implements Standing {
        }
    }

    private final Path resolvConf;
    private final Path stateDir;

    public ResolvRepair(Path resolvConf, Path stateDir) {
        this.resolvConf = resolvConf;
        this.stateDir = stateDir;
    }

    /** /etc/resolv.conf and /run/docker-unikernel. */
    public static ResolvRepair host() {
        return new ResolvRepair(ContainerDns.Options.RESOLV_CONF, DnsServerState.DEFAULT_DIR);
    }

    public Path resolvConf() {
        return resolvConf;
    }

    public Path backup() {
        return stateDir.resolve(HostResolv.BACKUP_NAME);
    }

    public Standing inspect() throws IOException {
        Optional<DnsServerState> state = DnsServerState.read(stateDir);
        byte[] content = read();
        boolean backupExists = Files.exists(backup());
        Optional<InetAddress> added = addedNameserver(content);
        if (added.isEmpty() && !backupExists) {
            return new Standing.Clean();
        }
        if (state.isPresent() && state.get().isAlive()) {
            return new Standing.Served(state.get().pid(), state.get().address());
        }
        return new Standing.Stale(added.or(() -> state.map(DnsServerState::address)), backupExists);
    }

    /**
     * Puts resolv.conf back when it names our server and that server is gone; returns the one
     * line that says so, empty when there was nothing to do. Without root (or any other reason
     * the file cannot be written) the line says what is wrong and how to fix it.
     */
    public Optional<String> repair() {
        Standing standing;
        try {
            standing = inspect();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!(standing instanceof Standing.Stale stale)) {
            return Optional.empty();
        }
        String pointed = resolvConf + " pointed at " + stale.address().map(InetAddress::getHostAddress)
                .orElse("our DNS server") + ", a docker-unikernel DNS server that is no longer running (killed?)";
        try {
            String how;
            if (stale.backupExists()) {
                HostResolv.recover(resolvConf, stateDir);
                how = "restored it from " + backup();
            } else {
                HostResolv.writeInPlace(resolvConf, withoutAddedLines(read()));
                how = "took out the lines it had added";
            }
            removeStaleState();
            return Optional.of(pointed + "; " + how);
        } catch (IOException e) {
            return Optional.of(pointed + "; could not repair it (" + why(e) + "); " + fix(stale));
        }
    }

    /** The command that repairs a stale file by hand. */
    public String fix(Standing.Stale stale) {
        return stale.backupExists() ? "run any docker-unikernel command as root, or: cat " + backup() + " > " + resolvConf
                : "run any docker-unikernel command as root, or delete the two lines from '" + HostResolv.MARKER
                        + "' in " + resolvConf;
    }

    private static String why(IOException e) {
        Throwable root = e;
        while (root.getCause() instanceof IOException cause) {
            root = cause;
        }
        if (root instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private void removeStaleState() throws IOException {
        Optional<DnsServerState> state = DnsServerState.read(stateDir);
        if (state.isPresent() && !state.get().isAlive()) {
            state.get().remove(stateDir);
        }
    }

    private byte[] read() throws IOException {
        try {
            return Files.readAllBytes(resolvConf);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** The nameserver we put first, when the file still starts with the lines we add. */
    static Optional<InetAddress> addedNameserver(byte[] content) {
        List<String> lines = headLines(content);
        if (lines.size() < 2 || !lines.get(0).equals(HostResolv.MARKER) || !lines.get(1).startsWith("nameserver ")) {
            return Optional.empty();
        }
        var servers = ResolvConf.parse(lines.get(1)).nameservers();
        return servers.isEmpty() ? Optional.empty() : Optional.of(servers.get(0));
    }

    /** CONTENT without the two lines {@link HostResolv#withFirstNameserver} put in front. */
    static byte[] withoutAddedLines(byte[] content) {
        if (addedNameserver(content).isEmpty()) {
            return content;
        }
        int first = indexOf(content, 0);
        int second = indexOf(content, first + 1);
        return Arrays.copyOfRange(content, second + 1, content.length);
    }

    private static List<String> headLines(byte[] content) {
        int first = indexOf(content, 0);
        int second = first < 0 ? -1 : indexOf(content, first + 1);
        if (second < 0) {
            return List.of();
        }
        return List.of(new String(content, 0, first, StandardCharsets.ISO_8859_1),
                new String(content, first + 1, second - first - 1, StandardCharsets.ISO_8859_1));
    }

    private static int indexOf(byte[] content, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
