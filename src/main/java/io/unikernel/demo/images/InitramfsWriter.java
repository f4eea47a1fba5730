package io.unikernel.demo.images;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveOutputStream;
import org.apache.commons.compress.archivers.cpio.CpioConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The guest's initramfs: a newc archive holding our init as {@code /init}, followed by the
 * other archives (kernel modules where the kernel needs them, the application). The kernel
 * unpacks concatenated archives in order, so each is used as built, without unpacking it here.
 */
final class InitramfsWriter {
    private InitramfsWriter() {
    }

    static void write(Path init, List<Path> archives, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            CpioArchiveOutputStream cpio = new CpioArchiveOutputStream(out, CpioConstants.FORMAT_NEW);
            CpioArchiveEntry entry = new CpioArchiveEntry(CpioConstants.FORMAT_NEW, "init", Files.size(init));
            entry.setMode(CpioConstants.C_ISREG | 0755);
            cpio.putArchiveEntry(entry);
            try (InputStream in = Files.newInputStream(init)) {
                in.transferTo(cpio);
            }
            cpio.closeArchiveEntry();
            // finish() writes the trailer; closing would close our stream before the second archive.
            cpio.finish();
            for (Path archive : archives) {
                try (InputStream in = Files.newInputStream(archive)) {
                    in.transferTo(out);
                }
            }
        }
    }
}
