package io.unikernel.demo.images;

import io.unikernel.demo.docker.ImageBuilds;
import io.unikernel.demo.docker.Labels;
import io.unikernel.demo.host.HostPaths;
import io.unikernel.demo.images.UnikernelDescriptor.Kind;
import io.unikernel.demo.yaml.YamlFileException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the unikernel images ({@code unikernel/<name>}) without a registry: the guest kernel and init
 * (shared), each application's payload from Debian packages, the runtime base image with QEMU
 * and the runner, then one Docker image per unikernel. Every result is cached by content: an
 * image whose inputs did not change is not rebuilt.
 * <p>
 * Over 300 lines because it is the pipeline's one place that orders the phases (the kernel on a
 * thread of its own, init, runtime, probe, payloads, images), keys each by its inputs and stops
 * them together when one fails; the work of each phase is in the scripts it runs and in the
 * classes beside it (GuestKernel, PayloadBuild, InitramfsWriter, DescriptorReader).
 */
public final class UnikernelImages {
    public static final String PREFIX = "unikernel/";
    public static final String RUNTIME = PREFIX + "runtime";
    /** The runtime with our kernel and init alone: what the host boots once to judge KVM. */
    public static final String KVM_PROBE = PREFIX + "kvm-probe";
    /** Inside every image: the probe guest's initramfs (init, and the modules a kernel needs). */
    static final String PROBE_INITRD = "probe.cpio";
    /** Label holding the hash of everything an image was built from. */
    public static final String INPUTS_LABEL = Labels.IMAGE_INPUTS;

    private static final int PARALLEL_PAYLOADS = 2;
    /** TCG's translation cache: a Linux guest runs more code than one of our own unikernels. */
    private static final int LINUX_TB_SIZE_MB = 64;
    private static final int OWN_TB_SIZE_MB = 16;
    /** A stopped script's SIGTERM grace and SIGKILL, with room to spare. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final Path home;
    private final Path cache;
    private final ImageBuilds docker;
    private final BuildScript scripts;
    private final PayloadBuild payloads;

    /**
     * @param home  the project checkout (scripts under guest/, descriptors under unikernels/)
     * @param cache where kernels, build roots and payloads are kept between builds
     */
    public UnikernelImages(Path home, Path cache, ImageBuilds docker) {
        this.home = home;
        this.cache = cache;
        this.docker = docker;
        this.scripts = new BuildScript(home);
        this.payloads = new PayloadBuild(scripts);
    }

    /** Where builds keep their results between runs: $UNIKERNEL_CACHE, default /var/cache/docker-unikernel. */
    public static Path defaultCache() {
        return HostPaths.cache();
    }

    /** The unikernels this checkout describes, e.g. {@code nginx}, {@code mysql}. */
    public List<String> names() throws BuildException {
        return names(home);
    }

    /** The unikernels the checkout at home describes, without anything to build them with. */
    public static List<String> names(Path home) throws BuildException {
        try (Stream<Path> dirs = Files.list(home.resolve("unikernels"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("unikernel.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new BuildException("Failed to list the unikernels in " + home.resolve("unikernels") + ": " + e.getMessage(), e);
        }
    }

    public List<BuiltImage> build(List<String> names, GuestKernel kernelChoice, BuildProgress progress)
            throws BuildException {
        List<String> known = names();
        for (String name : names) {
            if (!known.contains(name)) {
                throw new BuildException("No unikernel named '" + name + "': choose from " + String.join(", ", known));
            }
        }
        // Every descriptor is checked before anything is built.
        Map<String, UnikernelDescriptor> descriptors = new LinkedHashMap<>();
        for (String name : names) {
            descriptors.put(name, descriptor(name));
        }
        // Our own unikernels bring their kernel: the Linux kernel and init only for the others.
        boolean linux = descriptors.values().stream().anyMatch(d -> d.kind() == Kind.LINUX);
        // The kernel compiles for minutes on the CPUs while the build root mostly waits for the
        // network and the disk: the two overlap.
        ExecutorService kernelThread = Executors.newSingleThreadExecutor();
        try {
            Future<Path> kernelBuild = linux ? kernelThread.submit(() -> buildKernel(kernelChoice, progress)) : null;
            Path init = linux ? buildInit(progress) : null;
            String runtime = buildRuntime(progress);
            buildPayloads(descriptors.values(), progress);
            Path kernel = linux ? await(kernelBuild, "the guest kernel") : null;

            // The probe guest is our Linux kernel and init: a build of our own unikernels alone has neither.
            if (linux && kernelChoice == GuestKernel.MINIMAL) {
                buildKvmProbe(kernel, init, runtime, progress);
            }
            List<BuiltImage> built = new ArrayList<>();
            for (UnikernelDescriptor descriptor : descriptors.values()) {
                built.add(descriptor.kind() == Kind.UNIKERNEL ? buildOwn(descriptor, kernelChoice, runtime, progress)
                        : buildOne(descriptor, kernelChoice, kernel, init, runtime, progress));
            }
            return built;
        } finally {
            stop(kernelThread);
        }
    }

    /**
     * Interrupts what still runs there and waits for it to end: an interrupted build script stops
     * its processes first, so once this returns they hold no cache lock and the next build starts
     * at once.
     */
    private static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (!pool.isTerminated() && System.nanoTime() < deadline) {
            try {
                pool.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Path buildKernel(GuestKernel kernelChoice, BuildProgress progress) throws BuildException {
        progress.update("kernel", "checking the guest kernel", 0);
        Path kernel = Path.of(last(scripts.run(List.of(kernelChoice.script()),
                line -> progress.update("kernel", line, 50)), kernelChoice.script()));
        progress.update("kernel", "guest kernel ready", 100);
        return kernel;
    }

    private static <T> T await(Future<T> work, String what) throws BuildException {
        try {
            return work.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof BuildException b ? b
                    : new BuildException("Failed to build " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException("Interrupted while building " + what, e);
        }
    }
    private Path buildInit(BuildProgress progress) throws BuildException {
        // Keyed by the sources, not make's timestamps: checkouts sharing the cache would get
        // whichever init was compiled last. The C unit tests and the docs are no part of it.
        Path sources = home.resolve("guest/init");
        Path out;
        try (Stream<Path> files = Files.list(sources)) {
            ContentHash hash = new ContentHash();
            for (Path file : files.filter(UnikernelImages::isInitSource).sorted().toList()) {
                hash.add(file);
            }
            out = cache.resolve("init").resolve(hash.hex());
        } catch (IOException e) {
            throw new BuildException("Failed to read the guest init's sources in " + sources + ": " + e.getMessage(), e);
        }
        progress.update("init", "compiling the guest init", 0);
        scripts.run(List.of("make", "-s", "-C", "guest/init", "OUT=" + out), line -> progress.update("init", line, 50));
        progress.update("init", "guest init ready", 100);
        return out.resolve("init");
    }

    private static boolean isInitSource(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith("test_")
                && (name.endsWith(".c") || name.endsWith(".h") || name.equals("Makefile"));
    }

    private String buildRuntime(BuildProgress progress) throws BuildException {
        progress.update(RUNTIME, "checking QEMU and the runner", 10);
        List<String> sources = scripts.run(List.of("guest/runtime/rootfs.sh", "--list"), line -> progress.update(RUNTIME, line, 20));
        try {
            ContentHash hash = new ContentHash();
            for (String source : sources) {
                hash.add(Path.of(source));
            }
            String inputs = hash.hex();
            if (docker.label(RUNTIME, INPUTS_LABEL).filter(inputs::equals).isPresent()) {
                progress.update(RUNTIME, "up to date", 100);
                return inputs;
            }
            Path context = fresh(cache.resolve("context/runtime"));
            progress.update(RUNTIME, "assembling QEMU and the runner from this host's packages", 30);
            scripts.run(List.of("guest/runtime/rootfs.sh", context.resolve("rootfs").toString()),
                    line -> progress.update(RUNTIME, line, 40));
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM scratch
                    COPY rootfs/ /
                    ENTRYPOINT ["/runner"]
                    """);
            progress.update(RUNTIME, "docker build", 60);
            docker.build(context, RUNTIME, Map.of(INPUTS_LABEL, inputs), line -> progress.update(RUNTIME, line, 80));
            progress.update(RUNTIME, "built", 100);
            return inputs;
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Failed to build " + RUNTIME + ": " + e.getMessage(), e);
        }
    }

    /** The probe guest: no application, no disks; the runtime's /kvm-probe boots it with KVM. */
    private void buildKvmProbe(Path kernel, Path init, String runtime, BuildProgress progress) throws BuildException {
        Path modules = kernel.resolveSibling(GuestKernel.MODULES_ARCHIVE);
        try {
            String inputs = new ContentHash().add(runtime).add(kernel.toString()).add(init).hex();
            if (docker.label(KVM_PROBE, INPUTS_LABEL).filter(inputs::equals).isPresent()) {
                progress.update(KVM_PROBE, "up to date", 100);
                return;
            }
            Path context = fresh(cache.resolve("context/kvm-probe"));
            Path guest = Files.createDirectories(context.resolve("unikernel"));
            link(kernel, guest.resolve("vmlinux"));
            writeProbeInitrd(init, modules, guest);
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM %s
                    COPY unikernel/ /unikernel/
                    ENTRYPOINT ["/kvm-probe"]
                    """.formatted(RUNTIME));
            progress.update(KVM_PROBE, "docker build", 80);
            docker.build(context, KVM_PROBE, Map.of(INPUTS_LABEL, inputs), line -> progress.update(KVM_PROBE, line, 90));
            progress.update(KVM_PROBE, "built", 100);
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Failed to build " + KVM_PROBE + ": " + e.getMessage(), e);
        }
    }

    private static void writeProbeInitrd(Path init, Path modules, Path guest) throws IOException {
        InitramfsWriter.write(init, Files.exists(modules) ? List.of(modules) : List.of(), guest.resolve(PROBE_INITRD));
    }

    /**
     * Payloads first, two at a time: each is mostly the payload tool checking its own cache, and
     * a rebuild with nothing changed should not wait for six of those in a row.
     */
    private void buildPayloads(Collection<UnikernelDescriptor> descriptors, BuildProgress progress) throws BuildException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_PAYLOADS);
        try {
            List<Future<Void>> runs = new ArrayList<>();
            for (UnikernelDescriptor descriptor : descriptors) {
                String tag = PREFIX + descriptor.name();
                runs.add(pool.submit(() -> {
                    progress.update(tag, "payload from Debian packages", 10);
                    payloads.build(descriptor, payloadDir(descriptor.name()), line -> progress.update(tag, line, 40));
                    return null;
                }));
            }
            for (Future<Void> run : runs) {
                await(run, "a payload");
            }
        } finally {
            stop(pool);
        }
    }

    private Path payloadDir(String name) {
        return cache.resolve("payload").resolve(name);
    }

    private BuiltImage buildOne(UnikernelDescriptor descriptor, GuestKernel kernelChoice, Path kernel, Path init,
            String runtime, BuildProgress progress) throws BuildException {
        String name = descriptor.name();
        long started = System.nanoTime();
        String tag = PREFIX + name + ":" + kernelChoice.tag();
        Path modules = kernel.resolveSibling(GuestKernel.MODULES_ARCHIVE);
        Path payload = payloadDir(name);
        try {
            Path data = payload.resolve("data.img");
            // The kernel's path holds the hash of its configuration and source; the payload tool
            // records the hash of its inputs: hashing those is enough, and far cheaper than the outputs.
            String inputs = new ContentHash().add(runtime).add(kernel.toString()).add(init)
                    .add(payload.resolve(".payload-hash")).add(payload.resolve(PayloadBuild.GUEST_CONFIG))
                    .add(descriptorFile(name)).hex();
            long payloadBytes = Files.size(kernel) + Files.size(init) + Files.size(payload.resolve("rootfs.cpio"))
                    + Files.size(payload.resolve("config.iso")) + (Files.exists(data) ? Files.size(data) : 0)
                    + (Files.exists(modules) ? Files.size(modules) : 0);
            if (docker.label(tag, INPUTS_LABEL).filter(inputs::equals).isPresent()) {
                progress.update(tag, "up to date", 100);
                return new BuiltImage(tag, false, Duration.ofNanos(System.nanoTime() - started), payloadBytes,
                        docker.size(tag));
            }
            Path context = fresh(cache.resolve("context").resolve(name + "-" + kernelChoice.tag()));
            Path guest = Files.createDirectories(context.resolve("unikernel"));
            link(kernel, guest.resolve("vmlinux"));
            link(payload.resolve("config.iso"), guest.resolve("config.iso"));
            Files.copy(payload.resolve(PayloadBuild.GUEST_CONFIG), guest.resolve("guest.json"));
            if (Files.exists(data)) {
                link(data, Files.createDirectories(guest.resolve("seed")).resolve("data.img"));
            }
            List<Path> archives = Files.exists(modules) ? List.of(modules, payload.resolve("rootfs.cpio"))
                    : List.of(payload.resolve("rootfs.cpio"));
            InitramfsWriter.write(init, archives, guest.resolve("initrd.cpio"));
            // For the runner's own KVM probe, when a container is started without the host's verdict.
            writeProbeInitrd(init, modules, guest);
            int memory = descriptor.memoryMib() + kernelChoice.extraMemoryMb();
            Files.writeString(guest.resolve("env"), "MEMORY_MB=" + memory + "\n" + "TB_SIZE_MB=" + LINUX_TB_SIZE_MB + "\n");
            Files.writeString(context.resolve("Dockerfile"), dockerfile(descriptor));
            progress.update(tag, "docker build", 80);
            docker.build(context, tag, Map.of(INPUTS_LABEL, inputs), line -> progress.update(tag, line, 90));
            progress.update(tag, "built", 100);
            return new BuiltImage(tag, true, Duration.ofNanos(System.nanoTime() - started), payloadBytes, docker.size(tag));
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Failed to build " + tag + ": " + e.getMessage(), e);
        }
    }

    private Path descriptorFile(String name) {
        return home.resolve("unikernels").resolve(name).resolve("unikernel.yaml");
    }

    private UnikernelDescriptor descriptor(String name) throws BuildException {
        try {
            return DescriptorReader.read(descriptorFile(name), name);
        } catch (YamlFileException e) {
            throw new BuildException(e.getMessage(), e);
        }
    }

    /**
     * An image of one of our own unikernels: the payload's kernel.elf is the whole guest (booted
     * by the same runner as /unikernel/vmlinux), its content cpio the -initrd; no init, no disks.
     */
    private BuiltImage buildOwn(UnikernelDescriptor descriptor, GuestKernel kernelChoice, String runtime,
            BuildProgress progress) throws BuildException {
        String name = descriptor.name();
        long started = System.nanoTime();
        String tag = PREFIX + name + ":" + kernelChoice.tag();
        Path payload = payloadDir(name);
        try {
            String inputs = new ContentHash().add(runtime).add(payload.resolve(".payload-hash"))
                    .add(payload.resolve(PayloadBuild.GUEST_CONFIG)).add(descriptorFile(name)).hex();
            long payloadBytes = Files.size(payload.resolve("kernel.elf")) + Files.size(payload.resolve("rootfs.cpio"));
            if (docker.label(tag, INPUTS_LABEL).filter(inputs::equals).isPresent()) {
                progress.update(tag, "up to date", 100);
                return new BuiltImage(tag, false, Duration.ofNanos(System.nanoTime() - started), payloadBytes,
                        docker.size(tag));
            }
            Path context = fresh(cache.resolve("context").resolve(name + "-" + kernelChoice.tag()));
            Path guest = Files.createDirectories(context.resolve("unikernel"));
            link(payload.resolve("kernel.elf"), guest.resolve("vmlinux"));
            link(payload.resolve("rootfs.cpio"), guest.resolve("initrd.cpio"));
            Files.copy(payload.resolve(PayloadBuild.GUEST_CONFIG), guest.resolve("guest.json"));
            Files.writeString(guest.resolve("env"), "MEMORY_MB=" + descriptor.memoryMib() + "\n"
                    + "TB_SIZE_MB=" + OWN_TB_SIZE_MB + "\n");
            Files.writeString(context.resolve("Dockerfile"), dockerfile(descriptor));
            progress.update(tag, "docker build", 80);
            docker.build(context, tag, Map.of(INPUTS_LABEL, inputs), line -> progress.update(tag, line, 90));
            progress.update(tag, "built", 100);
            return new BuiltImage(tag, true, Duration.ofNanos(System.nanoTime() - started), payloadBytes, docker.size(tag));
        } catch (IOException | RuntimeException e) {
            throw new BuildException("Failed to build " + tag + ": " + e.getMessage(), e);
        }
    }

    private static String dockerfile(UnikernelDescriptor descriptor) {
        StringBuilder file = new StringBuilder("FROM " + RUNTIME + "\nCOPY unikernel/ /unikernel/\n");
        for (int port : descriptor.ports()) {
            file.append("EXPOSE ").append(port).append('\n');
        }
        if (descriptor.volume()) {
            // The data image outlives the container when a named volume is mounted here.
            file.append("VOLUME /unikernel/data\n");
        }
        return file.toString();
    }

    private static Path fresh(Path dir) throws BuildException {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BuildException("Failed to prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Hard links where the file system allows: the kernel and images are large and unchanged. */
    private static void link(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target);
        }
    }

    private static String last(List<String> lines, String script) throws BuildException {
        if (lines.isEmpty()) {
            throw new BuildException(script + " printed no result");
        }
        return lines.get(lines.size() - 1).strip();
    }
}
