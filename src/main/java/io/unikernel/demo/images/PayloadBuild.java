package io.unikernel.demo.images;

import io.unikernel.demo.images.UnikernelDescriptor.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One unikernel's payload: its script ({@code guest/apps/payload.sh}, or
 * {@code guest/unikernel/payload.sh} for one of our own) gets the descriptor's values in a small
 * generated file and makes the disks and archives; the guest's configuration comes from here.
 */
final class PayloadBuild {
    /** In the payload directory: the guest's blk/env/rc, which the image carries as guest.json. */
    static final String GUEST_CONFIG = "cmdline.json";

    private final BuildScript scripts;

    PayloadBuild(BuildScript scripts) {
        this.scripts = scripts;
    }

    void build(UnikernelDescriptor descriptor, Path out, Consumer<String> progress) throws BuildException {
        String script = descriptor.kind() == Kind.UNIKERNEL ? "guest/unikernel/payload.sh" : "guest/apps/payload.sh";
        Path spec = null;
        try {
            spec = Files.createTempFile("payload-" + descriptor.name() + "-", ".spec");
            Files.writeString(spec, PayloadSpec.lines(descriptor));
            scripts.run(List.of(script, descriptor.name(), out.toString(), spec.toString()), progress);
            Files.writeString(out.resolve(GUEST_CONFIG), PayloadSpec.guestJson(descriptor));
        } catch (IOException e) {
            throw new BuildException("Failed to make the payload of " + descriptor.name() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(spec);
        }
    }

    private static void deleteQuietly(Path spec) {
        if (spec == null) {
            return;
        }
        try {
            Files.deleteIfExists(spec);
        } catch (IOException e) {
            // A few hundred bytes left in the temporary directory; the build's result is what matters.
        }
    }
}
