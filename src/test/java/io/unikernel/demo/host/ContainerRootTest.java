package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContainerRootTest {
    @Test
    void writesContractFilesAtTheContainerRoot(@TempDir Path proc) throws Exception {
        Path root = Files.createDirectories(proc.resolve("42/root"));
        new ContainerRoot(proc, 42).writeFile("/ip", "172.17.0.2\n");
        assertEquals("172.17.0.2\n", Files.readString(root.resolve("ip")));
    }

    @Test
    void refusesPathsThatLeaveTheContainer(@TempDir Path proc) {
        assertThrows(IllegalArgumentException.class, () -> new ContainerRoot(proc, 42).writeFile("../../etc/passwd", "x"));
    }

    @Test
    void readsTapDeviceNumberFromContainerSysfs(@TempDir Path proc) throws Exception {
        Path tap = Files.createDirectories(proc.resolve("7/root/sys/devices/virtual/net/vtap110004/macvtap/tap3"));
        Files.writeString(tap.resolve("dev"), "246:1\n");
        assertEquals(new DeviceNumber(246, 1), new ContainerRoot(proc, 7).tapDevice("vtap110004"));
    }

    @Test
    void saysWhichMacvtapHasNoTapDevice(@TempDir Path proc) {
        var e = assertThrows(HostException.class, () -> new ContainerRoot(proc, 7).tapDevice("vtap000000"));
        assertTrue(e.getMessage().startsWith("Failed to find the tap device of vtap000000"), e.getMessage());
    }

    @Test
    void createsRealCharacterDeviceNode(@TempDir Path proc) throws Exception {
        Path root = Files.createDirectories(proc.resolve("9/root/dev"));
        new ContainerRoot(proc, 9).mknodCharDevice("dev/tap0", new DeviceNumber(1, 3));
        Path node = root.resolve("tap0");
        var attrs = Files.readAttributes(node, PosixFileAttributes.class);
        assertTrue(attrs.isOther(), "a device node is neither file, directory nor link");
        assertEquals(259, ((Number) Files.getAttribute(node, "unix:rdev")).intValue(), "1:3 is /dev/null's number");
        assertEquals(0600, ((Number) Files.getAttribute(node, "unix:mode")).intValue() & 0777);
    }

    @Test
    void mknodFailureCarriesErrnoText(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("9/root"));
        var e = assertThrows(HostException.class, () -> new ContainerRoot(proc, 9).mknodCharDevice("missing/tap0", new DeviceNumber(1, 3)));
        assertTrue(e.getMessage().endsWith("No such file or directory (errno 2)"), e.getMessage());
    }
}
