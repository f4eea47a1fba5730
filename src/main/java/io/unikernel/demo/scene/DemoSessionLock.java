package io.unikernel.demo.scene;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One demo session per host: every demo names its containers alike and removes them all when it
 * ends, so a second console would replace the first one's guests and remove them on quit. The
 * session holds a lock on {@value #FILE_NAME} (the kernel drops it when the process dies, even of
 * SIGKILL, so it never goes stale) and writes its pid and terminal into the file for whoever is
 * refused.
 */
public final class DemoSessionLock implements AutoCloseable {
    public static final String FILE_NAME = "demo.lock";

    /** The session that holds the lock, as it wrote itself down. */
    public record Holder(String pid, String terminal) {
        public String describe() {
            return "pid " + pid + " on " + terminal;
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DemoSessionLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Another session holds the lock. */
    public static final class HeldElsewhere extends Exception {
        private final Holder holder;

        HeldElsewhere(Holder holder) {
            super("another demo session runs on this host (" + holder.describe() + ")");
            this.holder = holder;
        }

        public Holder holder() {
            return holder;
        }
    }

    /** Takes the lock in the state directory; fails at once when another session has it. */
    public static DemoSessionLock acquire(Path stateDir) throws IOException, HeldElsewhere {
        Files.createDirectories(stateDir);
        FileChannel channel = FileChannel.open(stateDir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new HeldElsewhere(holder(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + " " + terminal() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            return new DemoSessionLock(channel, lock);
        } catch (IOException | RuntimeException | HeldElsewhere e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException thisProcess) {
            return null;
        }
    }

    private static Holder holder(FileChannel channel) throws IOException {
        ByteBuffer text = ByteBuffer.allocate(512);
        channel.read(text, 0);
        String[] fields = new String(text.array(), 0, text.position(), StandardCharsets.UTF_8).strip().split(" ", 2);
        return fields.length == 2 ? new Holder(fields[0], fields[1]) : new Holder("unknown", "an unknown terminal");
    }

    /** The controlling terminal's device as the user knows it (e.g. /dev/pts/3). */
    private static String terminal() {
        try {
            String stdin = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return stdin.startsWith("/dev/") ? stdin : "no terminal";
        } catch (IOException | UnsupportedOperationException e) {
            return "no terminal";
        }
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            lock.release();
        }
    }
}
