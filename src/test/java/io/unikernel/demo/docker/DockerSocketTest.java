package io.unikernel.demo.docker;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.testsupport.BusyboxImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runtime's one Docker question, asked of the real dockerd over its socket, against docker-java's answer. */
class DockerSocketTest {
    private static final DockerSocket DOCKER = DockerSocket.of("unix:///var/run/docker.sock").orElseThrow();

    @BeforeAll
    static void image() throws Exception {
        try (ContainerEngine engine = ContainerEngine.connect()) {
            BusyboxImage.ensure(engine);
        }
    }

    @Test
    void answersAnImagesIdAsDockerJavaDoes() {
        try (ContainerEngine engine = ContainerEngine.connect()) {
            Optional<String> expected = engine.imageId(BusyboxImage.NAME);
            assertTrue(expected.isPresent() && expected.get().startsWith("sha256:"), expected.toString());
            assertEquals(expected, DOCKER.imageId(BusyboxImage.NAME));
        }
    }

    @Test
    void anImageDockerDoesNotHaveIsEmpty() {
        assertEquals(Optional.empty(), DOCKER.imageId("s3rs-no-such/image"));
    }

    @Test
    void aSocketNobodyListensOnIsUnavailableNamingIt(@TempDir Path dir) {
        DockerUnavailableException e = assertThrows(DockerUnavailableException.class,
                () -> new DockerSocket(dir.resolve("docker.sock")).imageId(BusyboxImage.NAME));
        assertTrue(e.getMessage().startsWith("Cannot reach the Docker daemon at unix://" + dir.resolve("docker.sock")), e.getMessage());
    }

    @Test
    void onlyAUnixSocketIsAskedDirectly() {
        assertEquals(Optional.of(new DockerSocket(Path.of("/run/d.sock"))), DockerSocket.of("unix:///run/d.sock"));
        assertEquals(Optional.empty(), DockerSocket.of("tcp://127.0.0.1:2375"));
    }
}
