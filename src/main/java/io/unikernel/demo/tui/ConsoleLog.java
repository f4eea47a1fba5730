package io.unikernel.demo.tui;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * While the console owns the screen, whatever would be printed over it goes to a log file:
 * tinylog's console writer (docker-java's "Error during callback" comes through it) and the JVM's
 * report of an uncaught exception in a background thread both write to {@code System.err} at the
 * moment they print, so sending System.out and System.err to the file catches them all. The
 * console itself draws through its own stream on the terminal's file descriptor.
 */
public final class ConsoleLog implements AutoCloseable {
    public static final Path DEFAULT_FILE = Path.of("/var/log/docker-unikernel/demo.log");

    private final Path file;
    private final long sizeAtStart;
    private final PrintStream log;
    private final PrintStream out;
    private final PrintStream err;

    private ConsoleLog(Path file, long sizeAtStart, PrintStream log) {
        this.file = file;
        this.sizeAtStart = sizeAtStart;
        this.log = log;
        this.out = System.out;
        this.err = System.err;
    }

    /** Appends to the file from now on, until closed. */
    public static ConsoleLog redirect(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        PrintStream log = new PrintStream(new FileOutputStream(file.toFile(), true), true, StandardCharsets.UTF_8);
        log.println("--- demo console started " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                + " (pid " + ProcessHandle.current().pid() + ")");
        ConsoleLog console = new ConsoleLog(file, Files.size(file), log);
        System.setOut(log);
        System.setErr(log);
        return console;
    }

    public Path file() {
        return file;
    }

    /** For the status line, once something was logged since the console started. */
    public Optional<String> notice() {
        try {
            return Files.size(file) > sizeAtStart ? Optional.of("warnings in " + file) : Optional.empty();
        } catch (IOException e) {
            return Optional.of("log " + file + " unreadable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        log.close();
    }
}
