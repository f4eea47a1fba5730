package io.unikernel.demo.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The jar a resident helper was started from, as it was then: the helper runs from a copy, so a
 * rebuild cannot pull classes from under it, and it steps aside once the jar it copied is no
 * longer the one on disk.
 */
public record JarStamp(Path jar, long size, long modifiedMillis) {
    public static JarStamp of(Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        return new JarStamp(jar, attributes.size(), attributes.lastModifiedTime().toMillis());
    }

    /** True once the jar on disk differs in size or time from this stamp, or is gone. */
    public boolean changed() {
        try {
            return !of(jar).equals(this);
        } catch (IOException e) {
            return true;
        }
    }
}
