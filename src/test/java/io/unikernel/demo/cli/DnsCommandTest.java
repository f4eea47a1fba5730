package io.unikernel.demo.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, main("dns", "--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.startsWith("Usage: docker-unikernel dns [-h] [--host-resolv] [--port=N] [--address=IP]"), help);
        for (String option : List.of("--resolv-conf=F", "--state-dir=D", "-h, --help")) {
            assertTrue(help.contains(option), option + " missing from:\n" + help);
        }
    }

    @Test
    void rejectsBadArgumentsInOneLineWithExit125() {
        assertEquals("--port 'x' is not a port number (1-65535)", error("--port", "x"));
        assertEquals("--port 'x' is not a port number (1-65535)", error("--port=x"));
        assertEquals("flag needs an argument: --port (see 'docker-unikernel dns --help')", error("--port"));
        assertEquals("--address 0.0.0.0 is the wildcard: that would make an open resolver; give the one address "
                + "to serve on", error("--address", "0.0.0.0"));
        assertEquals("--host-resolv needs port 53 (resolv.conf cannot name a port), not 5353",
                error("--host-resolv", "--port", "5353"));
        assertEquals("unknown flag: --bogus (see 'docker-unikernel dns --help')", error("--bogus"));
    }

    private String error(String... args) {
        err.reset();
        List<String> words = new java.util.ArrayList<>(List.of("dns"));
        words.addAll(List.of(args));
        assertEquals(125, main(words.toArray(String[]::new)));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        return text.strip().replaceFirst("^docker-unikernel: ", "");
    }
}
