package io.unikernel.demo.tui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleLogTest {
    @Test
    void whatIsPrintedWhileTheConsoleRunsGoesToTheFileAndTheStatusLineSaysWhere(@TempDir Path dir) throws Exception {
        PrintStream err = System.err;
        PrintStream out = System.out;
        Path file = dir.resolve("logs/demo.log");
        try (ConsoleLog log = ConsoleLog.redirect(file)) {
            assertEquals("", log.notice().orElse(""), "nothing logged yet");
            System.err.println("WARN: Failed to reach Docker again");
            Thread background = new Thread(() -> {
                throw new IllegalStateException("from a background thread");
            }, "tterm-uncaught");
            background.start();
            background.join();
            assertEquals("warnings in " + file, log.notice().orElse(""));
        }
        assertSame(err, System.err, "stderr is the terminal's again");
        assertSame(out, System.out, "stdout is the terminal's again");
        String logged = Files.readString(file);
        assertTrue(logged.contains("WARN: Failed to reach Docker again"), logged);
        assertTrue(logged.contains("Exception in thread \"tterm-uncaught\" java.lang.IllegalStateException: from a background thread"),
                logged);
    }
}
