package io.unikernel.demo.dns;

import org.tinylog.Logger;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Puts our DNS server first in the host's resolv.conf and puts the file back, byte for byte,
 * on {@link #close()}, on Ctrl-C or SIGTERM (a shutdown hook), and after a crash: the
 * original is saved to {@value #BACKUP_NAME} in the state directory before the file is
 * touched, and {@link #recover} (called by every start) writes it back.
 *
 * <p>The file is rewritten in place, never renamed over: on Docker hosts and in containers
 * /etc/resolv.conf is often a bind mount.
 */
public final class HostResolv implements AutoCloseable {
    public static final String BACKUP_NAME = "resolv.conf.backup";
    static final String MARKER = "# added by docker-unikernel dns; restored on exit";

    private final Path resolvConf;
    private final Path backup;
    private final byte[] original;
    private final Thread shutdownHook;
    private boolean closed;

    private HostResolv(Path resolvConf, Path backup, byte[] original) {
        this.resolvConf = resolvConf;
        this.backup = backup;
        this.original = original;
        this.shutdownHook = new Thread(this::restoreQuietly, "host-resolv-restore");
    }

    /**
     * Writes {@code nameserver ADDRESS} as the first nameserver of RESOLV_CONF, after saving
     * the original to STATE_DIR. Equivalent to: {@code cp /etc/resolv.conf BACKUP;
     * sed -i '1i nameserver ADDRESS' /etc/resolv.conf}.
     */
    public static HostResolv install(Path resolvConf, Path stateDir, InetAddress nameserver) throws IOException {
        recover(resolvConf, stateDir);
        Path backup = stateDir.resolve(BACKUP_NAME);
        byte[] original;
        try {
            original = Files.readAllBytes(resolvConf);
        } catch (IOException e) {
            throw new IOException("Failed to read " + resolvConf + ": " + e, e);
        }
        try {
            Files.createDirectories(stateDir);
            Path temp = stateDir.resolve(BACKUP_NAME + ".tmp");
            Files.write(temp, original, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(temp, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("Failed to write the backup of " + resolvConf + " to " + backup + ": " + e
                    + "; hint: run as root, or choose a writable state directory", e);
        }
        HostResolv installed = new HostResolv(resolvConf, backup, original);
        Runtime.getRuntime().addShutdownHook(installed.shutdownHook);
        try {
            writeInPlace(resolvConf, withFirstNameserver(original, nameserver));
        } catch (IOException e) {
            installed.close();
            throw new IOException("Failed to write " + resolvConf + ": " + e + "; hint: run as root", e);
        }
        Logger.debug("Put nameserver {} first in {} (backup {}). Equivalent to: sed -i '1i nameserver {}' {}",
                nameserver.getHostAddress(), resolvConf, backup, nameserver.getHostAddress(), resolvConf);
        return installed;
    }

    /**
     * If a backup left by a crashed run exists in STATE_DIR, writes it back to RESOLV_CONF and
     * removes it. Returns whether it restored anything.
     */
    public static boolean recover(Path resolvConf, Path stateDir) throws IOException {
        Path backup = stateDir.resolve(BACKUP_NAME);
        if (!Files.exists(backup)) {
            return false;
        }
        try {
            byte[] saved = Files.readAllBytes(backup);
            writeInPlace(resolvConf, saved);
            Files.delete(backup);
        } catch (IOException e) {
            throw new IOException("Failed to restore " + resolvConf + " from " + backup + ": " + e
                    + "; hint: copy the backup back by hand (cat " + backup + " > " + resolvConf + ")", e);
        }
        Logger.debug("Restored {} from {} (left by an earlier run that did not stop cleanly)", resolvConf, backup);
        return true;
    }

    /** The file's content before we touched it. */
    public byte[] original() {
        return original.clone();
    }

    static byte[] withFirstNameserver(byte[] original, InetAddress nameserver) {
        byte[] head = (MARKER + "\nnameserver " + nameserver.getHostAddress() + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] result = Arrays.copyOf(head, head.length + original.length);
        System.arraycopy(original, 0, result, head.length, original.length);
        return result;
    }

    /** Restores the original bytes and removes the backup. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        restore();
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // Called from a shutdown hook: the hook list cannot change any more, nothing to undo.
        }
    }

    /** Drops the shutdown hook without restoring: what a SIGKILL leaves behind (for tests). */
    synchronized void abandon() {
        closed = true;
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }

    private synchronized void restore() throws IOException {
        if (closed) {
            return;
        }
        try {
            writeInPlace(resolvConf, original);
            Files.deleteIfExists(backup);
        } catch (IOException e) {
            throw new IOException("Failed to restore " + resolvConf + ": " + e
                    + "; hint: the original is in " + backup + " and the next start restores it", e);
        }
        closed = true;
        Logger.debug("Restored {} ({} bytes)", resolvConf, original.length);
    }

    private void restoreQuietly() {
        try {
            restore();
        } catch (IOException e) {
            Logger.error(e.getMessage());
        }
    }

    static void writeInPlace(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.CREATE);
    }
}
