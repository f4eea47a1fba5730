package io.unikernel.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sources keep ARCHITECTURE.md's one direction of dependencies and their gateways to docker-java and jnr. */
class ArchitectureTest {
    /**
     * What may still go against the rules, as "file -> package or library": none since issue 11. An entry must still
     * occur, so the list only shrinks.
     */
    private static final Set<String> KNOWN = Set.of();

    @Test
    void sourcesUseOnlyLowerLayersAndReachLibrariesThroughTheirGateways() {
        List<ImportRules.Violation> violations = ImportRules.check(Path.of("src/main/java"));
        Set<String> found = new TreeSet<>();
        violations.forEach(v -> found.add(v.key()));
        List<String> unknown = violations.stream().filter(v -> !KNOWN.contains(v.key())).map(Object::toString).toList();
        Set<String> gone = new TreeSet<>(KNOWN);
        gone.removeAll(found);
        assertEquals(List.of(), unknown, "imports against ARCHITECTURE.md");
        assertEquals(Set.of(), gone, "known violations that no longer occur: remove them from KNOWN");
    }

    @Test
    void refusesAnImportOfALayerAbove(@TempDir Path root) throws IOException {
        plant(root, "host", "import io.unikernel.demo.scene.SceneRunner;");

        assertEquals(List.of("host/Planted.java -> scene: 'host' may not use 'scene', a layer above it (io.unikernel.demo.scene.SceneRunner)"),
                violations(root));
    }

    @Test
    void refusesAQualifiedNameOfAnUnlistedPeerInCode(@TempDir Path root) throws IOException {
        plant(root, "guest", "class Uses { Object o = new io.unikernel.demo.launcher.Launcher(); }");

        assertEquals(List.of("guest/Planted.java -> launcher: 'guest' may not use 'launcher', a package of its own layer (io.unikernel.demo.launcher.Launcher)"),
                violations(root));
    }

    @Test
    void seesAUseAfterACommentMarkerInALiteral(@TempDir Path root) throws IOException {
        plant(root, "host", "class Uses { String s = \"unix:///run/docker.sock\"; Object o = new io.unikernel.demo.scene.SceneRunner(); }");

        assertEquals(List.of("host/Planted.java -> scene: 'host' may not use 'scene', a layer above it (io.unikernel.demo.scene.SceneRunner)"),
                violations(root));
    }

    @Test
    void refusesDockerJavaOutsideTheDockerPackage(@TempDir Path root) throws IOException {
        plant(root, "dns", "import com.github.dockerjava.api.DockerClient;");

        assertEquals(List.of("dns/Planted.java -> com.github.dockerjava: com.github.dockerjava is used only inside 'docker', the gateway to it (com.github.dockerjava.api.DockerClient)"),
                violations(root));
    }

    @Test
    void refusesJnrOutsideTheHostPackage(@TempDir Path root) throws IOException {
        plant(root, "netlink", "import jnr.ffi.LibraryLoader;");

        assertEquals(List.of("netlink/Planted.java -> jnr: jnr is used only inside 'host', the gateway to it (jnr.ffi.LibraryLoader)"),
                violations(root));
    }

    @Test
    void refusesAPackageThatIsInNoLayer(@TempDir Path root) throws IOException {
        plant(root, "util", "");

        assertEquals(List.of("util/Planted.java -> util: package 'util' is in no layer of ARCHITECTURE.md: add it there and to ImportRules.LAYERS"),
                violations(root));
    }

    @Test
    void allowsLowerLayersListedPeersGatewaysAndComments(@TempDir Path root) throws IOException {
        plant(root, "scene", "import io.unikernel.demo.launcher.Launcher;\nimport io.unikernel.demo.host.HostProcess;");
        plant(root, "launcher", "import io.unikernel.demo.kvm.HostKvm;\n// io.unikernel.demo.tui.DemoConsole is not a use\n/* nor jnr.ffi.Pointer */");
        plant(root, "docker", "import com.github.dockerjava.api.DockerClient;");
        plant(root, "host", "import jnr.ffi.LibraryLoader;");

        assertEquals(List.of(), violations(root));
    }

    private static void plant(Path root, String pkg, String body) throws IOException {
        Path dir = Files.createDirectories(root.resolve("io/unikernel/demo").resolve(pkg));
        Files.writeString(dir.resolve("Planted.java"), "package io.unikernel.demo." + pkg + ";\n\n" + body + "\n");
    }

    private static List<String> violations(Path root) {
        return ImportRules.check(root).stream().map(Object::toString).toList();
    }
}
