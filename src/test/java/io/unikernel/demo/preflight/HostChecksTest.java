package io.unikernel.demo.preflight;

import io.unikernel.demo.docker.ContainerEngine;
import io.unikernel.demo.host.Kvm;
import io.unikernel.demo.kvm.HostKvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks that read /proc and /dev, pointed at temporary files. */
class HostChecksTest {
    @TempDir
    Path proc;

    @Test
    void rootIsOkForUidZeroAndFailsWithSudoAsTheFixOtherwise() throws Exception {
        Files.createDirectories(proc.resolve("self"));
        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t0\t0\t0\t0\n");
        assertEquals(Check.Status.OK, new RootCheck(proc).run().status());

        Files.writeString(proc.resolve("self/status"), "Name:\tjava\nUid:\t1000\t1000\t1000\t1000\n");
        Check check = new RootCheck(proc).run();
        assertEquals(Check.Status.FAIL, check.status());
        assertEquals("run it with sudo", check.fix());
    }

    @Test
    void macvtapIsOkWithItsMajorAndFailsWithModprobeWhenNotLoaded() throws Exception {
        Files.writeString(proc.resolve("devices"), "Character devices:\n  1 mem\n246 macvtap\n\nBlock devices:\n  8 sd\n");
        Check loaded = new MacvtapCheck(proc).run();
        assertEquals(Check.Status.OK, loaded.status());
        assertTrue(loaded.detail().contains("246"), loaded.detail());

        Files.writeString(proc.resolve("devices"), "Character devices:\n  1 mem\n\nBlock devices:\n246 macvtap\n");
        Check missing = new MacvtapCheck(proc).run();
        assertEquals(Check.Status.FAIL, missing.status());
        assertEquals("sudo modprobe macvtap", missing.fix());
    }

    @Test
    void memoryFromMemAvailableIsOkFromTwoGibAndAWarningWithTheFigureBelow() throws Exception {
        Files.writeString(proc.resolve("meminfo"), "MemTotal:  8000000 kB\nMemFree:  10 kB\nMemAvailable:  2097152 kB\n");
        assertEquals(Check.ok("memory", "2.0 GiB available"), new MemoryCheck(proc).run());

        Files.writeString(proc.resolve("meminfo"), "MemTotal:  8000000 kB\nMemAvailable:  1048576 kB\n");
        Check low = new MemoryCheck(proc).run();
        assertEquals(Check.Status.WARN, low.status());
        assertTrue(low.detail().startsWith("only 1.0 GiB available"), low.detail());
        assertTrue(!low.fix().isEmpty());
    }

    @Test
    void memoryWithoutMemAvailableNamesTheFile() throws IOException {
        Files.writeString(proc.resolve("meminfo"), "MemTotal:  8000000 kB\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> new MemoryCheck(proc).run());
        assertTrue(e.getMessage().contains(proc.resolve("meminfo").toString()), e.getMessage());
    }

    @Test
    void noKvmDeviceIsAWarningThatGuestsRunUnderTcgWithoutAProbe() {
        Check check = kvmCheck(new Kvm(proc.resolve("kvm")));
        assertEquals(Check.Status.WARN, check.status());
        assertEquals("no " + proc.resolve("kvm") + " on the host: " + KvmCheck.TCG, check.detail());
        assertTrue(check.fix().contains("modprobe"), check.fix());
    }

    @Test
    void aHiddenDeviceIsAWarningNamingTheVariableThatHidesIt() {
        Check check = kvmCheck(Kvm.host().hide());
        assertEquals(Check.Status.WARN, check.status());
        assertEquals("/dev/kvm hidden from the launcher (UNIKERNEL_KVM=off): " + KvmCheck.TCG, check.detail());
        assertEquals("unset UNIKERNEL_KVM", check.fix());
    }

    @Test
    void aDeviceThatCannotCreateAVmCannotRunGuestsAndSaysTheKernelsReason() throws IOException {
        // The ioctls really reach the kernel: a file that is not KVM's device answers ENOTTY.
        Path notKvm = Files.writeString(proc.resolve("kvm"), "");
        Check file = kvmCheck(new Kvm(notKvm));
        assertEquals(Check.Status.WARN, file.status());
        assertTrue(file.detail().startsWith("KVM present but cannot run guests (Failed to ask " + notKvm), file.detail());
        assertTrue(file.detail().contains("Inappropriate ioctl for device (errno 25)): guests run under TCG"), file.detail());

        Check devNull = kvmCheck(new Kvm(Path.of("/dev/null")));
        assertTrue(devNull.detail().startsWith("KVM present but cannot run guests (Failed to ask /dev/null for its KVM API version"),
                devNull.detail());
    }

    /** Without a usable device no probe runs: a daemon that is not there is never asked. */
    private Check kvmCheck(Kvm kvm) {
        try (ContainerEngine nowhere = ContainerEngine.connect("unix://" + proc.resolve("no-docker.sock"))) {
            return new KvmCheck(new HostKvm(kvm, proc, proc.resolve("kvm-verdict.properties"), nowhere)).run();
        }
    }

    @Test
    void diskIsOkFromFiveGibAndAWarningWithTheFigureBelow() {
        DiskCheck disk = new DiskCheck(() -> {
            throw new IllegalStateException("not asked");
        });
        assertEquals(Check.Status.OK, disk.decide(Path.of("/var/lib/docker"), 5L << 30).status());
        Check low = disk.decide(Path.of("/var/lib/docker"), 1L << 30);
        assertEquals(Check.Status.WARN, low.status());
        assertEquals("only 1.0 GiB free in /var/lib/docker (5.0 GiB advised): builds may fail", low.detail());
    }
}
