package io.unikernel.demo.images;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.testsupport.HostCommand;
import io.unikernel.demo.testsupport.ProcessState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel compiles on a thread of its own while the rest of the build goes on. When the rest
 * fails, the build returns only once the kernel's make is gone and its cache lock is free. The
 * checkout here is a stand-in whose scripts behave like ours (flock, then a make that runs long).
 */
class FailedBuildStopsKernelTest {
    @TempDir
    Path home;

    @Test
    void aFailedBuildLeavesNoKernelMakeRunningAndItsLockFree() throws Exception {
        Files.createDirectories(home.resolve("unikernels/demo"));
        Files.writeString(home.resolve("unikernels/demo/unikernel.yaml"), """
                description: a stand-in (the build reads every descriptor before it starts)
                binaries: [/bin/true]
                rc:
                  - bin: /bin/true
                memory: 32
                """);
        Path kernel = Files.createDirectories(home.resolve("guest/kernel"));
        Files.writeString(kernel.resolve("Makefile"), "all:\n\tsleep 1000 & echo $$! > sleep.pid; touch make-running; wait\n");
        Path script = Files.writeString(kernel.resolve("build.sh"), """
                #!/bin/sh
                exec 9>kernel.lock
                flock 9
                make -s -f guest/kernel/Makefile >&2
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The init fails, but only once the kernel's make is well under way.
        Path init = Files.createDirectories(home.resolve("guest/init"));
        Files.writeString(init.resolve("Makefile"),
                "all:\n\twhile [ ! -e ../../make-running ]; do sleep 0.05; done; echo 'init: broken' >&2; exit 1\n");

        BuildException e;
        try (ContainerEngine engine = ContainerEngine.connect()) {
            UnikernelImages images = new UnikernelImages(home, home.resolve("cache"), engine.imageBuilds());
            e = assertThrows(BuildException.class,
                    () -> images.build(List.of("demo"), GuestKernel.MINIMAL, (image, phase, percent) -> { }));
        }

        assertTrue(e.getMessage().startsWith("Failed to run make -s -C guest/init"), e.getMessage());
        assertFalse(ProcessState.running(Long.parseLong(Files.readString(home.resolve("sleep.pid")).strip())),
                "the kernel's make and its recipe are gone");
        assertEquals(0, HostCommand.run("flock", "--nonblock", home.resolve("kernel.lock").toString(), "true").exitCode(),
                "the next build takes the kernel's lock at once");
    }
}
