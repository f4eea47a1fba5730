package io.unikernel.demo.host;

import io.unikernel.demo.testsupport.HostCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container's root against the real kernel: a temporary directory stands in for
 * /proc/PID/root, with links planted in it that point at files outside it ("the host").
 */
class ContainerRootTest {
    private static final String LINK_REFUSED =
            " is a symbolic link; the host writes the contract files itself and refuses to follow links in an image";

    @TempDir
    Path proc;
    @TempDir
    Path host;

    private Path root(int pid) throws Exception {
        return Files.createDirectories(proc.resolve(pid + "/root"));
    }

    private ContainerRoot open(int pid) throws Exception {
        return ContainerRoot.open(proc, pid);
    }

    @Test
    void writesContractFilesAtTheContainerRoot() throws Exception {
        Path root = root(42);
        try (ContainerRoot container = open(42)) {
            container.writeFile("/ip", "172.17.0.2\n");
        }
        assertEquals("172.17.0.2\n", Files.readString(root.resolve("ip")));
        assertEquals(0644, ((Number) Files.getAttribute(root.resolve("ip"), "unix:mode")).intValue() & 0777);
    }

    @Test
    void replacesTheContentOfARegularFileTheImageShips() throws Exception {
        Path root = root(42);
        Files.writeString(root.resolve("gw"), "a much longer line than the new content\n");
        try (ContainerRoot container = open(42)) {
            container.writeFile("gw", "172.17.0.1\n");
        }
        assertEquals("172.17.0.1\n", Files.readString(root.resolve("gw")));
    }

    @Test
    void refusesAnAbsoluteLinkAndWritesNothingOnTheHost() throws Exception {
        Path target = host.resolve("cron-job");
        Files.createSymbolicLink(root(42).resolve("ip"), target);
        try (ContainerRoot container = open(42)) {
            var e = assertThrows(UnsafePathException.class, () -> container.writeFile("/ip", "* * * * * root evil\n"));
            assertEquals("/ip" + LINK_REFUSED, e.getMessage());
        }
        assertFalse(Files.exists(target));
    }

    @Test
    void refusesARelativeLinkThatClimbsOutOfTheRoot() throws Exception {
        Path target = host.resolve("mask");
        Path link = root(42).resolve("mask");
        Files.createSymbolicLink(link, link.getParent().relativize(target));
        try (ContainerRoot container = open(42)) {
            var e = assertThrows(UnsafePathException.class, () -> container.writeFile("mask", "16\n"));
            assertEquals("/mask" + LINK_REFUSED, e.getMessage());
        }
        assertFalse(Files.exists(target));
    }

    @Test
    void refusesALinkToAnExistingHostFileAndLeavesItAlone() throws Exception {
        Path target = Files.writeString(host.resolve("passwd"), "root:x:0:0::/root:/bin/sh\n");
        Files.createSymbolicLink(root(42).resolve("dns"), target);
        try (ContainerRoot container = open(42)) {
            assertThrows(UnsafePathException.class, () -> container.writeFile("dns", "8.8.8.8\n"));
        }
        assertEquals("root:x:0:0::/root:/bin/sh\n", Files.readString(target));
    }

    @Test
    void refusesAFileBelowALinkedDirectory() throws Exception {
        Path hostDir = Files.createDirectories(host.resolve("run"));
        Path run = Files.createDirectories(root(42).resolve("run"));
        Files.createSymbolicLink(run.resolve("unikernel"), hostDir);
        try (ContainerRoot container = open(42)) {
            var e = assertThrows(UnsafePathException.class, () -> container.writeFile("run/unikernel/state", "x"));
            assertEquals("/run/unikernel" + LINK_REFUSED, e.getMessage());
            var present = assertThrows(UnsafePathException.class,
                    () -> container.requireAbsentOr("run/unikernel", FileKind.DIRECTORY));
            assertEquals("/run/unikernel" + LINK_REFUSED, present.getMessage());
        }
        try (var listing = Files.list(hostDir)) {
            assertEquals(List.of(), listing.toList());
        }
    }

    @Test
    void acceptsAnAbsentOrRealDirectoryWhereTheRunnerKeepsItsState() throws Exception {
        Path root = root(42);
        try (ContainerRoot container = open(42)) {
            container.requireAbsentOr("run/unikernel", FileKind.DIRECTORY);
            Files.createDirectories(root.resolve("run/unikernel"));
            container.requireAbsentOr("run/unikernel", FileKind.DIRECTORY);
        }
    }

    @Test
    void refusesAContractFileThatIsADirectoryOrANamedPipe() throws Exception {
        Path root = root(42);
        Files.createDirectory(root.resolve("ip"));
        assertEquals(0, HostCommand.run("mkfifo", root.resolve("gw").toString()).exitCode());
        try (ContainerRoot container = open(42)) {
            var directory = assertThrows(UnsafePathException.class, () -> container.writeFile("ip", "x"));
            assertEquals("/ip is a directory, not a regular file; the host writes the contract files itself"
                    + " and refuses anything else there in an image", directory.getMessage());
            // Opening a pipe for writing would wait for a reader: the refusal comes before any open.
            var pipe = assertThrows(UnsafePathException.class, () -> container.writeFile("gw", "x"));
            assertTrue(pipe.getMessage().startsWith("/gw is a named pipe, not a regular file"), pipe.getMessage());
        }
    }

    @Test
    void readsThroughLinksInsideTheRootNeverOutsideIt() throws Exception {
        Path root = root(42);
        Path outside = Files.writeString(Files.createDirectories(host.resolve("etc")).resolve("resolv.conf"), "nameserver 10.0.0.66\n");
        Path sameInside = Files.createDirectories(root.resolve(outside.getParent().toString().substring(1)));
        Files.writeString(sameInside.resolve("resolv.conf"), "nameserver 10.0.0.1\n");
        Files.createSymbolicLink(root.resolve("etc"), outside.getParent());
        try (ContainerRoot container = open(42)) {
            assertEquals("nameserver 10.0.0.1\n", container.readFile("etc/resolv.conf"),
                    "the absolute link resolves against the container's root");
        }
    }

    @Test
    void refusesToReadALinkAtTheLastComponent() throws Exception {
        Path root = root(42);
        Files.writeString(root.resolve("real"), "inside\n");
        Files.createSymbolicLink(root.resolve("conf"), Path.of("real"));
        try (ContainerRoot container = open(42)) {
            assertThrows(UnsafePathException.class, () -> container.readFile("conf"));
        }
    }

    @Test
    void refusesPathsThatLeaveTheContainer() throws Exception {
        root(42);
        try (ContainerRoot container = open(42)) {
            assertThrows(IllegalArgumentException.class, () -> container.writeFile("../../etc/passwd", "x"));
        }
    }

    @Test
    void readsTapDeviceNumberFromContainerSysfs() throws Exception {
        Path tap = Files.createDirectories(root(7).resolve("sys/devices/virtual/net/vtap110004/macvtap/tap3"));
        Files.writeString(tap.resolve("dev"), "246:1\n");
        try (ContainerRoot container = open(7)) {
            assertEquals(new DeviceNumber(246, 1), container.tapDevice("vtap110004"));
        }
    }

    @Test
    void saysWhichMacvtapHasNoTapDevice() throws Exception {
        root(7);
        try (ContainerRoot container = open(7)) {
            var e = assertThrows(HostException.class, () -> container.tapDevice("vtap000000"));
            assertTrue(e.getMessage().startsWith("Failed to find the tap device of vtap000000"), e.getMessage());
        }
    }

    @Test
    void listsADirectoryReachedThroughALinkInsideTheRoot() throws Exception {
        Path root = root(7);
        Files.createDirectories(root.resolve("sys/devices/virtual/net/vtap110004"));
        Path net = Files.createDirectories(root.resolve("sys/class/net"));
        Files.createSymbolicLink(net.resolve("vtap110004"), Path.of("../../devices/virtual/net/vtap110004"));
        Files.createSymbolicLink(net.resolve("eth0"), Path.of("../../devices/virtual/net/eth0"));
        try (ContainerRoot container = open(7)) {
            assertEquals(List.of("vtap110004"), container.list("sys/class/net", "vtap*"));
        }
    }

    @Test
    void createsRealCharacterDeviceNode() throws Exception {
        Path root = Files.createDirectories(root(9).resolve("dev"));
        try (ContainerRoot container = open(9)) {
            container.mknodCharDevice("dev/tap0", new DeviceNumber(1, 3));
        }
        Path node = root.resolve("tap0");
        var attrs = Files.readAttributes(node, PosixFileAttributes.class);
        assertTrue(attrs.isOther(), "a device node is neither file, directory nor link");
        assertEquals(259, ((Number) Files.getAttribute(node, "unix:rdev")).intValue(), "1:3 is /dev/null's number");
        assertEquals(0600, ((Number) Files.getAttribute(node, "unix:mode")).intValue() & 0777);
    }

    @Test
    void refusesADeviceNodeBelowALinkedDevDirectory() throws Exception {
        Path hostDev = Files.createDirectories(host.resolve("dev"));
        Files.createSymbolicLink(root(9).resolve("dev"), hostDev);
        try (ContainerRoot container = open(9)) {
            var e = assertThrows(UnsafePathException.class, () -> container.mknodCharDevice("dev/tap0", new DeviceNumber(1, 3)));
            assertEquals("/dev" + LINK_REFUSED, e.getMessage());
        }
        assertFalse(Files.exists(hostDev.resolve("tap0"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void mknodFailureCarriesErrnoText() throws Exception {
        root(9);
        try (ContainerRoot container = open(9)) {
            var e = assertThrows(HostException.class, () -> container.mknodCharDevice("missing/tap0", new DeviceNumber(1, 3)));
            assertTrue(e.getMessage().endsWith("No such file or directory (errno 2)"), e.getMessage());
        }
    }

    @Test
    void connectsToASocketInTheRootThroughItsDescriptor() throws Exception {
        Path socket = Files.createDirectories(root(5).resolve("run/unikernel")).resolve("qmp.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ContainerRoot container = open(5)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Optional<String> reply = container.withSocket("run/unikernel/qmp.sock", path -> {
                try (UnixStream client = UnixStream.connect(path, Duration.ofSeconds(5));
                     SocketChannel accepted = server.accept()) {
                    accepted.write(ByteBuffer.wrap("QMP".getBytes(StandardCharsets.US_ASCII)));
                    return new String(client.input().readNBytes(3), StandardCharsets.US_ASCII);
                }
            });
            assertEquals(Optional.of("QMP"), reply, "jnr-unixsocket connects through /proc/self/fd/N");
        }
    }

    @Test
    void neverConnectsThroughALinkToAHostSocket() throws Exception {
        Path hostSocket = host.resolve("docker.sock");
        Path run = Files.createDirectories(root(5).resolve("run/unikernel"));
        Files.createSymbolicLink(run.resolve("qmp.sock"), hostSocket);
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             ContainerRoot container = open(5)) {
            server.bind(UnixDomainSocketAddress.of(hostSocket));
            server.configureBlocking(false);
            var e = assertThrows(UnsafePathException.class, () -> container.withSocket("run/unikernel/qmp.sock", path -> {
                throw new AssertionError("handed a path to " + path);
            }));
            assertEquals("/run/unikernel/qmp.sock" + LINK_REFUSED, e.getMessage());
            assertNull(server.accept(), "nobody connected to the host's socket");
        }
    }

    @Test
    void saysNothingIsThereWhenTheSocketIsAbsentAndRefusesAFileInItsPlace() throws Exception {
        Path run = Files.createDirectories(root(5).resolve("run/unikernel"));
        try (ContainerRoot container = open(5)) {
            assertEquals(Optional.empty(), container.withSocket("run/unikernel/qmp.sock", path -> "connected"));
            Files.writeString(run.resolve("qmp.sock"), "");
            var e = assertThrows(UnsafePathException.class, () -> container.withSocket("run/unikernel/qmp.sock", path -> "connected"));
            assertTrue(e.getMessage().startsWith("/run/unikernel/qmp.sock is a regular file, not a socket"), e.getMessage());
        }
    }

    @Test
    void aProcessThatIsGoneHasNoRoot() {
        var e = assertThrows(HostException.class, () -> ContainerRoot.open(proc, 4242));
        assertTrue(e.getMessage().endsWith("No such file or directory (errno 2)"), e.getMessage());
    }
}
