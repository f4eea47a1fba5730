package io.unikernel.demo.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Image builds through Docker's classic builder, from a directory on this host; nothing is pulled. */
public final class ImageBuilds {
    private final DockerClient client;

    public ImageBuilds(DockerClient client) {
        this.client = client;
    }

    /** The value of a label on a local image, or empty when the image or the label is missing. */
    public Optional<String> label(String image, String label) {
        try {
            Map<String, String> labels = client.inspectImageCmd(image).exec().getConfig().getLabels();
            return Optional.ofNullable(labels == null ? null : labels.get(label));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The image's size in bytes, as docker images shows it. */
    public long size(String image) {
        Long size = client.inspectImageCmd(image).exec().getSize();
        return size == null ? 0 : size;
    }

    /**
     * Builds the Dockerfile in context and tags the result; Docker's step lines go to progress.
     * Symbolic links are archived as links, file modes are kept.
     */
    public String build(Path context, String tag, Map<String, String> labels, Consumer<String> progress) {
        try (PipedInputStream tar = new PipedInputStream(1 << 20);
             PipedOutputStream feed = new PipedOutputStream(tar)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeTar(context, feed));
            String id = client.buildImageCmd(tar)
                    .withTags(Set.of(tag))
                    .withLabels(labels)
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            if (item.getStream() != null && !item.getStream().isBlank()) {
                                progress.accept(item.getStream().strip());
                            }
                            super.onNext(item);
                        }
                    }).awaitImageId();
            writer.join();
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to send the build context " + context + " to Docker", e);
        }
    }

    private static void writeTar(Path context, OutputStream out) {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(context)) {
                paths = walk.filter(p -> !p.equals(context)).sorted().toList();
            }
            for (Path path : paths) {
                String name = context.relativize(path).toString();
                TarArchiveEntry entry;
                if (Files.isSymbolicLink(path)) {
                    entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                } else {
                    entry = new TarArchiveEntry(path.toFile(), Files.isDirectory(path) ? name + "/" : name);
                    entry.setMode(mode(path));
                }
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = Files.newInputStream(path)) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to archive the build context " + context, e);
        }
    }

    private static int mode(Path path) throws IOException {
        int mode = Files.isDirectory(path) ? 040000 : 0100000;
        for (PosixFilePermission p : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
