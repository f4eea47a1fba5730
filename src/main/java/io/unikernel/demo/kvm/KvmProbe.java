package io.unikernel.demo.kvm;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.ContainerInfo;
import io.unikernel.demo.docker.ContainerSpec;
import io.unikernel.demo.docker.ImageNotFoundException;
import io.unikernel.demo.images.UnikernelImages;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Boots the probe guest with KVM once, in a short-lived container of {@value UnikernelImages#KVM_PROBE}
 * (QEMU lives in the images, not on the host), and reads its one-line verdict.
 */
final class KvmProbe {
    /** Marks the probe's containers, so a test can see whether one was started. */
    static final String LABEL = "io.unikernel.demo.kvm-probe";
    /** The probe itself gives up after 3 s (guest/runtime/kvm-probe); Docker's start and stop come on top. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final int LOG_LINES = 5;

    private final ContainerEngine engine;

    KvmProbe(ContainerEngine engine) {
        this.engine = engine;
    }

    /** The verdict of one probe boot with the device passed through. */
    KvmVerdict run(Path device) throws ProbeException, InterruptedException {
        ContainerSpec spec = new ContainerSpec(UnikernelImages.KVM_PROBE, List.of(),
                Optional.of("unikernel-kvm-probe-" + UUID.randomUUID().toString().substring(0, 8)), Optional.empty(),
                Optional.of("none"), List.of(), Map.of(LABEL, "true"), false, List.of(), List.of(), false,
                Optional.empty(), List.of(), List.of(device.toString()));
        String id;
        try {
            id = engine.create(spec);
        } catch (ImageNotFoundException e) {
            throw new ProbeException(e.getMessage() + ": build the images ('docker-unikernel build NAME')", e);
        }
        try {
            engine.start(id);
            ContainerInfo done = awaitExit(id);
            List<String> log = engine.logTail(id, LOG_LINES);
            String last = log.isEmpty() ? "" : log.get(log.size() - 1);
            if (done.exitCode() != 0) {
                throw new ProbeException("the KVM probe container exited with status " + done.exitCode() + ": " + last);
            }
            try {
                return KvmVerdict.parse(last);
            } catch (IllegalArgumentException e) {
                throw new ProbeException(e.getMessage(), e);
            }
        } finally {
            engine.remove(id, true);
        }
    }

    private ContainerInfo awaitExit(String id) throws ProbeException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            ContainerInfo info = engine.inspect(id).orElseThrow(() -> new ProbeException("the KVM probe container vanished"));
            if (!info.running() && !info.status().equals("created")) {
                return info;
            }
            if (System.nanoTime() > deadline) {
                throw new ProbeException("the KVM probe container did not exit within " + DEADLINE.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The probe could not give a verdict: Docker, the image or the probe itself failed. */
    static final class ProbeException extends Exception {
        ProbeException(String message) {
            super(message);
        }

        ProbeException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
