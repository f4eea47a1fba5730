package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The typed system calls of this package, against the real kernel, and how their failures read. */
class SystemCallTest {
    /** EINVAL and ENOTTY from asm-generic/errno-base.h. */
    private static final int EINVAL = 22;
    private static final int ENOTTY = 25;

    @TempDir
    Path directory;

    @Test
    void aFailureNamesTheOperationAndLibcsWordsForTheErrno() {
        SystemCallException e = new SystemCallException("create character device /dev/tap0", SystemCallException.EEXIST);
        assertEquals("Failed to create character device /dev/tap0: File exists (errno 17)", e.getMessage());
        assertEquals("create character device /dev/tap0", e.operation());
        assertEquals("EEXIST", SystemCallException.name(e.errno()));
        assertEquals("", SystemCallException.name(4095), "a number libc has no name for");
    }

    @Test
    void openingAMissingDeviceReportsEnoent() {
        Path missing = directory.resolve("kvm");
        SystemCallException e = assertThrows(SystemCallException.class, () -> DeviceFile.openReadWrite(missing));
        assertEquals(SystemCallException.ENOENT, e.errno());
        assertEquals("Failed to open " + missing + ": No such file or directory (errno 2)", e.getMessage());
    }

    @Test
    void anIoctlTheDeviceDoesNotKnowReportsEnotty() throws Exception {
        Path file = Files.writeString(directory.resolve("not-a-device"), "");
        try (DeviceFile notKvm = DeviceFile.openReadWrite(file)) {
            SystemCallException e = assertThrows(SystemCallException.class, () -> notKvm.ioctl(0xAE00, "ask it"));
            assertEquals(ENOTTY, e.errno());
            assertEquals("Failed to ask it: Inappropriate ioctl for device (errno 25)", e.getMessage());
        }
    }

    @Test
    void aThreadEntersTheNetworkNamespaceItIsInAndRefusesAFileThatIsNone() throws Exception {
        try (NamespaceFile own = NamespaceFile.openNetwork("/proc/thread-self/ns/net", "own", "close own")) {
            own.enter("enter its own namespace");
        }
        try (NamespaceFile none = NamespaceFile.openNetwork("/proc/self/status", "a status file", "close it")) {
            SystemCallException e = assertThrows(SystemCallException.class, () -> none.enter("enter a status file"));
            assertEquals(EINVAL, e.errno());
        }
    }

    @Test
    void aRawSocketThatCannotBeMadeReportsItsOperation() {
        // Address family 4095 does not exist: socket(2) answers EAFNOSUPPORT (97).
        SystemCallException e = assertThrows(SystemCallException.class,
                () -> RawSocket.open(4095, 3, 0, "the test socket", "open a socket of family 4095"));
        assertEquals(97, e.errno());
        assertEquals("EAFNOSUPPORT", SystemCallException.name(e.errno()));
        assertEquals("open a socket of family 4095", e.operation());
    }
}
