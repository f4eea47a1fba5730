package io.unikernel.demo.kvm;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.docker.RawDocker;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.testsupport.DemoImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The host's KVM verdict from a real probe guest booted with this host's /dev/kvm in a real
 * container, and its cache. On this machine KVM creates VMs but runs no guest: the verdict is TCG.
 */
class HostKvmTest {
    private static ContainerEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void images() throws Exception {
        engine = ContainerEngine.connect();
        DemoImages.ensureBuilt();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theVerdictComesFromABootedProbeGuestAndASecondAskStartsNoContainer() throws Exception {
        Kvm kvm = Kvm.host();
        org.junit.jupiter.api.Assumptions.assumeTrue(kvm.present(), "this host has no /dev/kvm: nothing to probe");
        HostKvm host = new HostKvm(kvm, Path.of("/proc"), dir.resolve("kvm-verdict.properties"), engine);

        Instant first = Instant.now();
        KvmVerdict verdict = host.verdict().orElseThrow();
        Instant between = Instant.now();
        assertEquals(1, probeContainersCreated(first, between), "the first ask boots one probe guest");
        assertTrue(verdict.probe().toMillis() > 0, "the probe's duration is measured: " + verdict);
        if (verdict.kvm()) {
            assertTrue(verdict.reason().startsWith("the probe guest booted with KVM in "), verdict.reason());
        } else {
            assertTrue(verdict.reason().startsWith("the probe guest did not finish booting with KVM within 3 s")
                    || verdict.reason().startsWith("QEMU with KVM failed (exit "), verdict.reason());
        }
        assertTrue(Files.readString(host.cacheFile()).contains(verdict.reason()), "kept in " + host.cacheFile());

        assertEquals(Optional.of(verdict), host.verdict());
        assertEquals(0, probeContainersCreated(between, Instant.now()), "the second ask is answered from the cache");
    }

    @Test
    void aHiddenDeviceIsTcgWithoutAProbe() throws Exception {
        HostKvm host = new HostKvm(Kvm.host().hide(), Path.of("/proc"), dir.resolve("kvm-verdict.properties"), engine);
        Instant before = Instant.now();
        assertEquals(Optional.of(KvmVerdict.tcg("/dev/kvm hidden from the launcher (UNIKERNEL_KVM=off)")), host.verdict());
        assertEquals(0, probeContainersCreated(before, Instant.now()));
        assertFalse(Files.exists(host.cacheFile()), "nothing to keep when nothing was probed");
    }

    /** Docker's own record of the probe containers created between the two instants. */
    private static int probeContainersCreated(Instant since, Instant until) throws InterruptedException {
        List<Event> created = new ArrayList<>();
        try (var callback = new ResultCallback.Adapter<Event>() {
            @Override
            public void onNext(Event event) {
                created.add(event);
            }
        }) {
            RawDocker.of(engine).eventsCmd().withSince(epoch(since)).withUntil(epoch(until))
                    .withLabelFilter(KvmProbe.LABEL).withEventFilter("create").exec(callback)
                    .awaitCompletion(10, TimeUnit.SECONDS);
        } catch (java.io.IOException e) {
            throw new AssertionError("Docker's event stream failed: " + e.getMessage(), e);
        }
        return created.size();
    }

    private static String epoch(Instant t) {
        return String.format("%d.%09d", t.getEpochSecond(), t.getNano());
    }
}
