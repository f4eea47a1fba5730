package io.unikernel.demo.images;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InitramfsWriterTest {
    @Test
    void putsInitFirstAsAnExecutableThenTheApplicationArchiveUnchanged(@TempDir Path dir) throws Exception {
        Path init = Files.write(dir.resolve("init"), "\u007fELF-init".getBytes(StandardCharsets.ISO_8859_1));
        Path app = dir.resolve("rootfs.cpio");
        try (OutputStream out = Files.newOutputStream(app);
             CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW)) {
            byte[] nginx = "nginx".getBytes(StandardCharsets.US_ASCII);
            CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, "usr/sbin/nginx", nginx.length);
            entry.setMode(CpioConstants.C_ISREG | 0755);
            cpio.putArchiveEntry(entry);
            cpio.write(nginx);
            cpio.closeArchiveEntry();
        }
        Path initrd = dir.resolve("initrd.cpio");
        InitramfsWriter.write(init, List.of(app), initrd);

        byte[] all = Files.readAllBytes(initrd);
        try (InputStream in = Files.newInputStream(initrd); var first = new CpioArchiveInputStream(in)) {
            CpioArchiveEntry entry = first.getNextCPIOEntry();
            assertEquals("init", entry.getName());
            assertEquals(CpioConstants.C_ISREG | 0755, entry.getMode());
            assertArrayEquals(Files.readAllBytes(init), first.readAllBytes());
            assertNull(first.getNextCPIOEntry(), "the first archive holds init alone");
        }
        byte[] appBytes = Files.readAllBytes(app);
        byte[] tail = java.util.Arrays.copyOfRange(all, all.length - appBytes.length, all.length);
        assertArrayEquals(appBytes, tail, "the application archive follows as built");
        assertEquals(0, (all.length - appBytes.length) % 4, "the kernel wants the next archive 4-byte aligned");
    }
}
