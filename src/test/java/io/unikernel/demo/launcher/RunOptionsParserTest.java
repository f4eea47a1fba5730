package io.unikernel.demo.launcher;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunOptionsParserTest {
    @Test
    void parsesDockerRunOptionsInEveryForm() {
        RunOptions o = RunOptionsParser.parse(List.of("--name", "web", "-h=nginx", "--publish=8080:80", "-p", "443:443",
                "-e", "A=1", "--env=B=2", "-v", "data:/unikernel/data", "-m", "256m", "--rm", "-P", "--timings",
                "unikernel/nginx", "-c", "x"));
        assertEquals(Optional.of("web"), o.name());
        assertEquals(Optional.of("nginx"), o.hostname());
        assertEquals(List.of("8080:80", "443:443"), o.publish());
        assertEquals(List.of("A=1", "B=2"), o.env());
        assertEquals(List.of("data:/unikernel/data"), o.volumes());
        assertEquals(Optional.of(256L << 20), o.memoryBytes());
        assertTrue(o.removeOnExit());
        assertTrue(o.publishAll());
        assertTrue(o.timings());
        assertFalse(o.attach());
        assertEquals("unikernel/nginx", o.image());
        assertEquals(List.of("-c", "x"), o.command(), "options after the image belong to the command");
    }

    @Test
    void combinesShortBooleanFlags() {
        RunOptions o = RunOptionsParser.parse(List.of("-Pa", "img"));
        assertTrue(o.publishAll());
        assertTrue(o.attach());
    }

    @Test
    void isDetachedByDefaultAndKeepsNothingOnError() {
        RunOptions o = RunOptionsParser.parse(List.of("img"));
        assertFalse(o.attach());
        assertFalse(o.keepOnError());
        assertEquals(Optional.empty(), o.network());
    }

    @Test
    void acceptsNetworkAndKeepOnError() {
        RunOptions o = RunOptionsParser.parse(List.of("--network", "none", "--keep-on-error", "img"));
        assertEquals(Optional.of("none"), o.network());
        assertTrue(o.keepOnError());
    }

    @Test
    void rejectsUnknownFlagNamingIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> RunOptionsParser.parse(List.of("--bogus", "img")));
        assertEquals("unknown flag: --bogus (see 'docker-unikernel run --help')", e.getMessage());
    }

    @Test
    void rejectsMissingImage() {
        var e = assertThrows(IllegalArgumentException.class, () -> RunOptionsParser.parse(List.of("--rm")));
        assertTrue(e.getMessage().startsWith("\"run\" requires an IMAGE"), e.getMessage());
    }

    @Test
    void rejectsFlagWithoutItsValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> RunOptionsParser.parse(List.of("--name")));
        assertEquals("flag needs an argument: --name", e.getMessage());
    }

    @Test
    void parsesMemorySizesLikeDocker() {
        assertEquals(512L, RunOptionsParser.parseMemory("512"));
        assertEquals(64L << 10, RunOptionsParser.parseMemory("64k"));
        assertEquals(1L << 30, RunOptionsParser.parseMemory("1G"));
        var e = assertThrows(IllegalArgumentException.class, () -> RunOptionsParser.parseMemory("lots"));
        assertTrue(e.getMessage().startsWith("invalid memory size \"lots\""));
    }
}
