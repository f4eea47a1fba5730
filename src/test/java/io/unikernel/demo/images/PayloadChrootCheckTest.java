package io.unikernel.demo.images;

import io.unikernel.demo.testsupport.DemoImages;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.RuntimeJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * guest/apps/chroot-check.sh: each Linux-based payload is complete without the guest's kernel and
 * init. In private namespaces it unpacks every payload as the guest sees it and talks to its
 * application over loopback (nginx, MariaDB, php-cgi behind nginx, the blog with a post that
 * persists in the ext4 data image).
 */
class PayloadChrootCheckTest {
    private static final Path SCRIPT = Path.of("guest", "apps", "chroot-check.sh");
    /** PASS lines the script prints when every check holds (a check that vanished is a failure too). */
    private static final int CHECKS = 13;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @TempDir
    Path logs;

    @Test
    void everyPayloadsApplicationAnswersFromThePayloadAlone() throws Exception {
        DemoImages.ensureBuilt();
        // The script builds through ./docker-unikernel, which would otherwise build the jar itself.
        RuntimeJar.ensureBuilt();
        HostCommand.Result check = HostCommand.runLogged(TIMEOUT, "bash", SCRIPT.toString(), logs.resolve("apps").toString());
        String text = check.output();
        assertEquals(0, check.exitCode(), text);
        assertTrue(text.contains("== all checks passed"), text);
        assertFalse(text.contains("FAIL "), text);
        assertEquals(CHECKS, text.lines().filter(l -> l.startsWith("PASS ")).count(), text);
    }
}
