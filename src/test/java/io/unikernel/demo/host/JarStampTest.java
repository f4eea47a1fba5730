package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JarStampTest {
    @TempDir
    Path dir;

    @Test
    void aJarAsItWasIsUnchanged() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "classes");
        assertFalse(JarStamp.of(jar).changed());
    }

    @Test
    void anotherSizeOrTimeOrNoFileIsAChange() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "classes");
        JarStamp stamp = JarStamp.of(jar);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(stamp.modifiedMillis() + 1000));
        assertTrue(stamp.changed(), "same size, later time");

        JarStamp later = JarStamp.of(jar);
        Files.writeString(jar, "more classes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(later.modifiedMillis()));
        assertTrue(later.changed(), "same time, other size");

        Files.delete(jar);
        assertTrue(later.changed(), "gone");
    }
}
