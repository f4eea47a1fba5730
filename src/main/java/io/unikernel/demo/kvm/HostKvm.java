package io.unikernel.demo.kvm;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.DockerRefusedException;
import io.unikernel.demo.docker.DockerUnavailableException;
import io.unikernel.demo.host.HostException;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.images.UnikernelImages;
import org.tinylog.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The host's KVM verdict, decided once: a present device that creates VMs is tried by booting
 * the probe guest with it, and the outcome is cached until what it depends on changes. A host
 * whose KVM cannot run guests so pays for the probe once, not on every launch.
 */
public final class HostKvm {
    private final Kvm kvm;
    private final Path proc;
    private final VerdictCache cache;
    private final Supplier<Optional<String>> probeImageId;
    private final Supplier<ContainerEngine> probeEngine;

    public HostKvm(Kvm kvm, Path proc, Path cacheFile, ContainerEngine engine) {
        this(kvm, proc, cacheFile, () -> engine.imageId(UnikernelImages.KVM_PROBE), () -> engine);
    }

    /**
     * @param probeImageId the probe image's id, empty when it is not built (throws {@link DockerUnavailableException}
     *                     when Docker cannot be asked): asked on every call, as the verdict's key needs it
     * @param probeEngine  the engine that boots the probe guest, asked for only on a cache miss, so a
     *                     caller with a cached verdict never pays for a Docker client
     */
    public HostKvm(Kvm kvm, Path proc, Path cacheFile, Supplier<Optional<String>> probeImageId, Supplier<ContainerEngine> probeEngine) {
        this.kvm = kvm;
        this.proc = proc;
        this.cache = new VerdictCache(cacheFile);
        this.probeImageId = probeImageId;
        this.probeEngine = probeEngine;
    }

    public Kvm device() {
        return kvm;
    }

    public Path cacheFile() {
        return cache.file();
    }

    /**
     * The verdict, from the cache when it was decided under the same key. Empty when it cannot
     * be decided here because the probe image is not built: each runner then probes for itself.
     */
    public Optional<KvmVerdict> verdict() throws InterruptedException {
        if (!kvm.present()) {
            return Optional.of(KvmVerdict.tcg(kvm.absence()));
        }
        Optional<String> probeImage = probeImage();
        try {
            Optional<HostKey> key = probeImage.isEmpty() ? Optional.empty()
                    : Optional.of(HostKey.read(proc, kvm.device(), probeImage.get()));
            Optional<KvmVerdict> cached = key.flatMap(cache::read);
            if (cached.isPresent()) {
                return cached;
            }
            // Only now, on a miss: binding the native call costs a cold JVM a quarter of a second.
            Optional<String> unusable = unusable();
            if (unusable.isPresent()) {
                return Optional.of(KvmVerdict.tcg(unusable.get()));
            }
            if (key.isEmpty()) {
                return Optional.empty();
            }
            KvmVerdict verdict = new KvmProbe(probeEngine.get()).run(kvm.device());
            keep(key.get(), verdict);
            return Optional.of(verdict);
        } catch (HostException | KvmProbe.ProbeException | DockerRefusedException e) {
            // Guests still run under TCG; not cached, so the next launch tries again.
            return Optional.of(KvmVerdict.tcg("the KVM probe could not run: " + e.getMessage()));
        }
    }

    /** Why the device cannot even create a VM (what QEMU asks of it first), if it cannot. */
    private Optional<String> unusable() {
        try {
            KvmIoctls.createVm(kvm.device());
            return Optional.empty();
        } catch (HostException | LinkageError e) {
            return Optional.of(e.getMessage());
        }
    }

    /** The probe image's id; empty when it is not built or Docker cannot be asked (the device alone can still be judged). */
    private Optional<String> probeImage() {
        try {
            return probeImageId.get();
        } catch (DockerUnavailableException e) {
            return Optional.empty();
        }
    }

    private void keep(HostKey key, KvmVerdict verdict) {
        try {
            cache.write(key, verdict);
        } catch (IOException e) {
            Logger.warn("Could not keep the KVM verdict in {} ({}): the next launch probes again", cache.file(), e.getMessage());
        }
    }
}
