package io.unikernel.demo.images;

/**
 * The kernel a unikernel image boots. Our minimal one is the default; Debian's generic kernel
 * stays selectable, and the difference in boot time and memory is part of the demo's story.
 */
public enum GuestKernel {
    /** tinyconfig plus what the guests use, built from Debian's linux-source (guest/kernel/build.sh). */
    MINIMAL("latest", "guest/kernel/build.sh", 0),
    /** Debian's linux-image, its virtio and iso9660 modules loaded by our init (guest/kernel/debian.sh). */
    DEBIAN("debian-kernel", "guest/kernel/debian.sh", 128);

    /** Beside a kernel, the archive of modules it needs in the initramfs, if it needs any. */
    static final String MODULES_ARCHIVE = "modules.cpio";

    private final String tag;
    private final String script;
    private final int extraMemoryMb;

    GuestKernel(String tag, String script, int extraMemoryMb) {
        this.tag = tag;
        this.script = script;
        this.extraMemoryMb = extraMemoryMb;
    }

    /** The image tag: {@code unikernel/nginx:latest} or {@code unikernel/nginx:debian-kernel}. */
    public String tag() {
        return tag;
    }

    /** The build script; the last line it prints is the path of the kernel's vmlinux. */
    String script() {
        return script;
    }

    /** Debian's kernel is some 40 MB larger in guest memory than ours. */
    int extraMemoryMb() {
        return extraMemoryMb;
    }
}
