package io.unikernel.demo.testsupport;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.images.BuildException;
import io.unikernel.demo.images.GuestKernel;
import io.unikernel.demo.images.UnikernelImages;

import java.nio.file.Path;

/**
 * Every unikernel image, built (or found up to date) before a test needs one. On a fresh machine
 * the first build takes minutes (kernel, build root): it belongs before a test's own timeouts.
 */
public final class DemoImages {
    private static boolean built;

    private DemoImages() {
    }

    public static synchronized void ensureBuilt() throws BuildException {
        if (built) {
            return;
        }
        try (ContainerEngine engine = ContainerEngine.connect()) {
            UnikernelImages images = new UnikernelImages(Path.of("").toAbsolutePath(), Path.of("/var/cache/docker-unikernel"),
                    engine.imageBuilds());
            images.build(images.names(), GuestKernel.MINIMAL, (image, phase, percent) -> { }).forEach(System.out::println);
        }
        built = true;
    }
}
