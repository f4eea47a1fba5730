package io.unikernel.demo.kvm;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict's key, read from a stand-in /proc and device, and the cache that holds it only for that key. */
class VerdictCacheTest {
    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep vmx
            
            processor\t: 1
            model name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz
            flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep vmx
            """;
    private static final KvmVerdict TCG = new KvmVerdict(false,
            "the probe guest did not finish booting with KVM within 3 s", Duration.ofMillis(3010));

    @TempDir
    Path dir;
    private Path proc;
    private Path device;
    private VerdictCache cache;

    @BeforeEach
    void fakeHost() throws Exception {
        proc = Files.createDirectories(dir.resolve("proc"));
        Files.createDirectories(proc.resolve("sys/kernel"));
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.1.0-57-amd64\n");
        Files.writeString(proc.resolve("cpuinfo"), CPUINFO);
        device = Files.writeString(dir.resolve("kvm"), "");
        cache = new VerdictCache(dir.resolve("cache/kvm-verdict.properties"));
    }

    private HostKey key(String probeImage) throws Exception {
        return HostKey.read(proc, device, probeImage);
    }

    @Test
    void theKeyHoldsTheKernelReleaseTheCpuModelAndFlagsTheProbeImageAndTheDevice() throws Exception {
        HostKey key = key("sha256:1");
        assertEquals("6.1.0-57-amd64", key.kernelRelease());
        assertEquals("Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", key.cpuModel());
        assertEquals("fpu vme de pse tsc msr pae mce cx8 apic sep vmx", key.cpuFlags());
        assertEquals("sha256:1", key.probeImage());
        assertTrue(key.device().startsWith(device + " "), key.device());
    }

    @Test
    void aVerdictWrittenUnderAKeyIsReadBackUnderTheSameKey() throws Exception {
        assertEquals(Optional.empty(), cache.read(key("sha256:1")));
        cache.write(key("sha256:1"), TCG);
        assertEquals(Optional.of(TCG), cache.read(key("sha256:1")));
        try (var left = Files.list(cache.file().getParent())) {
            assertEquals(1, left.count(), "no temporary file left beside the cache");
        }
    }

    @Test
    void anotherKernelReleaseInvalidatesTheVerdict() throws Exception {
        cache.write(key("sha256:1"), TCG);
        Files.writeString(proc.resolve("sys/kernel/osrelease"), "6.12.0-1-amd64\n");
        assertEquals(Optional.empty(), cache.read(key("sha256:1")));
    }

    @Test
    void otherCpuFlagsInvalidateTheVerdict() throws Exception {
        cache.write(key("sha256:1"), TCG);
        Files.writeString(proc.resolve("cpuinfo"), CPUINFO.replace(" vmx", ""));
        assertEquals(Optional.empty(), cache.read(key("sha256:1")));
    }

    @Test
    void anotherProbeImageInvalidatesTheVerdict() throws Exception {
        cache.write(key("sha256:1"), TCG);
        assertEquals(Optional.empty(), cache.read(key("sha256:2")));
    }

    @Test
    void aRecreatedDeviceNodeInvalidatesTheVerdict() throws Exception {
        cache.write(key("sha256:1"), TCG);
        // A reloaded module makes a new node; its change time moves with it.
        Files.delete(device);
        Thread.sleep(10);
        Files.writeString(device, "");
        Files.setLastModifiedTime(device, FileTime.fromMillis(System.currentTimeMillis()));
        assertEquals(Optional.empty(), cache.read(key("sha256:1")));
    }

    @Test
    void aCacheFileThatCannotBeReadBackIsNoVerdict() throws Exception {
        cache.write(key("sha256:1"), TCG);
        String written = Files.readString(cache.file());
        assertTrue(written.contains("verdict.probeMillis=3010"), written);
        Files.writeString(cache.file(), written.replace("verdict.probeMillis=3010", "verdict.probeMillis=soon"));
        assertEquals(Optional.empty(), cache.read(key("sha256:1")));
    }

    @Test
    void theProbesLineParsesIntoAVerdictAndAnythingElseIsRefusedNamingTheLine() {
        assertEquals(new KvmVerdict(true, "the probe guest booted with KVM in 240 ms", Duration.ofMillis(240)),
                KvmVerdict.parse("kvm 240 the probe guest booted with KVM in 240 ms\n"));
        assertEquals(TCG, KvmVerdict.parse("tcg 3010 the probe guest did not finish booting with KVM within 3 s"));
        var e = assertThrows(IllegalArgumentException.class, () -> KvmVerdict.parse("runner: ERROR: no /unikernel/vmlinux"));
        assertEquals("the KVM probe printed \"runner: ERROR: no /unikernel/vmlinux\", not \"kvm|tcg MILLISECONDS REASON\"", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KvmVerdict.parse("tcg soon no reason"));
    }

    @Test
    void theVerdictReachesTheRunnerAsTwoVariables() {
        assertEquals(java.util.List.of("UNIKERNEL_ACCEL=tcg", "UNIKERNEL_ACCEL_REASON=" + TCG.reason()), TCG.env());
    }
}
