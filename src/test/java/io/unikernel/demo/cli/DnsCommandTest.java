package io.unikernel.demo.dns;

import io.unikernel.demo.cli.DnsCommand;
import io.unikernel.demo.cli.UserError;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DnsCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void helpPrintsUsage() throws Exception {
        assertEquals(0, new DnsCommand().run(List.of("--help"), print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8)
                .startsWith("Usage: docker-unikernel dns [--host-resolv] [--port N] [--address IP]"));
    }

    @Test
    void rejectsBadArgumentsInOneLine() {
        assertEquals("--port 'x' is not a port number (1-65535)", error("--port", "x"));
        assertEquals("--port needs a value; see 'docker-unikernel dns --help'", error("--port"));
        assertEquals("--address 0.0.0.0 is the wildcard: that would make an open resolver; give the one address "
                + "to serve on", error("--address", "0.0.0.0"));
        assertEquals("--host-resolv needs port 53 (resolv.conf cannot name a port), not 5353",
                error("--host-resolv", "--port", "5353"));
        assertEquals("unknown argument '--bogus' for dns; see 'docker-unikernel dns --help'", error("--bogus"));
    }

    private String error(String... args) {
        var e = assertThrows(UserError.class, () -> new DnsCommand().run(List.of(args), print, print));
        assertEquals(2, e.exitStatus());
        return e.getMessage();
    }
}
