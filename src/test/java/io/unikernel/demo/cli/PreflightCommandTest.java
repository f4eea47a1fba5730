package io.unikernel.demo.cli;

import io.unikernel.demo.preflight.Check;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docker-unikernel preflight on this host: one line per check, and an exit status that says whether to go on. */
class PreflightCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void presentImagesPrintNineLinesAndExitZero() {
        assertEquals(0, main("preflight", "runtime"), out + "\n" + err);
        List<String> lines = lines();
        assertEquals(9, lines.size(), out.toString());
        assertEquals("✔ root     running as root", lines.get(0));
        assertTrue(lines.get(1).startsWith("✔ docker   Docker "), lines.get(1));
        assertTrue(lines.get(4).equals("✔ images   unikernel/runtime present"), lines.get(4));
        assertTrue(lines.stream().allMatch(l -> l.matches("[✔!✘] .*")), out.toString());
    }

    @Test
    void aMissingImageIsACrossWithItsFixAndExitsOne() {
        assertEquals(1, main("preflight", "runtime", "no-such-unikernel"));
        assertTrue(lines().contains("✘ images   missing: unikernel/no-such-unikernel"
                + " — fix: ./docker-unikernel build no-such-unikernel"), out.toString());
    }

    @Test
    void withoutImagesItChecksEveryUnikernelOfTheCheckout() {
        main("preflight");
        String images = lines().get(4);
        for (String name : List.of("nginx", "mysql", "php")) {
            assertTrue(images.contains("unikernel/" + name), images);
        }
    }

    @Test
    void aWarningIsMarkedWithItsFix() {
        assertEquals("! kvm      no /dev/kvm: guests run slowly — fix: load kvm",
                Check.warn("kvm", "no /dev/kvm: guests run slowly", "load kvm").line());
    }

    @Test
    void anUnknownFlagIsOneLineAndExit125() {
        assertEquals(125, main("preflight", "--fast"));
        assertEquals("docker-unikernel: unknown flag: --fast (see 'docker-unikernel preflight --help')\n", err.toString());
    }

    @Test
    void helpIsListedAndExplainsTheExitStatus() {
        assertEquals(0, main("preflight", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Exit status: 0 when nothing must be fixed, 1 otherwise."));
    }
}
