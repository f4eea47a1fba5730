package io.unikernel.demo.guest;

import io.unikernel.demo.testsupport.OwnUnikernel;
import io.unikernel.demo.testsupport.UnikernelVm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A CPU exception in our own unikernel prints the registers on the serial console and ends the
 * VM through pvpanic. The exceptions are raised on purpose by guest/unikernel/apps/fault, a
 * second application on the same library OS built only for this test (httpd has no way to fault
 * on request), booted under QEMU TCG as the runner boots a guest. Needs QEMU and cpio.
 */
class UnikernelCpuExceptionTest {
    private static final String PREFIX = "tuk-fault-";
    private static final String MAC = "52:54:00:7a:6b:22";
    /** What apps/fault/main.c loads into rax and rbx before it faults. */
    private static final String MARK_RAX = "0xfa017ed0c0de0006";
    private static final String MARK_RBX = "0x1badb002feedf00d";
    /** apps/fault/main.c reads here: above the 4 GiB that boot.S maps. */
    private static final String UNMAPPED = "0x0000100000000000";
    /** -action panic=exit-failure: pvpanic's "panicked" makes QEMU exit 1; isa-debug-exit gives odd statuses >= 3. */
    private static final int PVPANIC_EXIT = 1;
    private static final Duration BOOT = Duration.ofSeconds(20);

    private static Path elf;
    private static Path initrd;

    @BeforeAll
    static void build() throws Exception {
        elf = OwnUnikernel.elf("fault");
        Path dir = Files.createTempDirectory(PREFIX + "root");
        initrd = OwnUnikernel.webRoot(dir.resolve("root"), Map.of("empty", new byte[0]));
    }

    private static String config(String fault) {
        return "{\"hostname\":\"tuk-fault\",\"net\":{\"if\":\"eth0\",\"type\":\"inet\",\"method\":\"static\","
                + "\"addr\":\"10.0.2.15\",\"mask\":\"24\",\"gw\":\"10.0.2.2\"},"
                + "\"rc\":[{\"bin\":\"/fault\",\"argv\":[\"" + fault + "\"]}]}";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "invalid-opcode, invalid opcode, 0x0000000000000006, " + MARK_RBX,
            "divide-error,   divide error,   0x0000000000000000, " + MARK_RBX,
            "page-fault,     page fault,     0x000000000000000e, " + UNMAPPED,
    })
    void aCpuExceptionPrintsTheRegistersAndExitsThroughPvpanic(String fault, String name, String vector, String rbx)
            throws Exception {
        Path dir = Files.createTempDirectory(PREFIX + fault);
        try (UnikernelVm vm = UnikernelVm.boot(elf, initrd, config(fault), null, MAC, dir)) {
            int status = vm.awaitExit(BOOT);
            String console = vm.console();
            assertEquals(PVPANIC_EXIT, status, "QEMU's exit status; console:\n" + console);
            assertTrue(console.contains("fault: raising " + fault), console);
            assertTrue(console.contains("unikernel: CPU exception " + name + " vector " + vector + " error "), console);
            // The registers as they were at the fault: the values the application had just loaded.
            assertTrue(console.contains(" rax " + MARK_RAX + " rbx " + rbx + " "), console);
            assertTrue(console.matches("(?s).* rip 0x[0-9a-f]{16} rsp 0x[0-9a-f]{16} rflags 0x[0-9a-f]{16} cr2 0x[0-9a-f]{16}\r?\n.*"
                    + " r13 0x[0-9a-f]{16} r14 0x[0-9a-f]{16} r15 0x[0-9a-f]{16}\r?\n.*"), console);
            assertFalse(console.contains("did not fault"), console);
        }
    }

    @Test
    void thePageFaultsAddressIsInCr2() throws Exception {
        Path dir = Files.createTempDirectory(PREFIX + "cr2");
        try (UnikernelVm vm = UnikernelVm.boot(elf, initrd, config("page-fault"), null, MAC, dir)) {
            assertEquals(PVPANIC_EXIT, vm.awaitExit(BOOT), vm.console());
            assertTrue(vm.console().contains(" cr2 " + UNMAPPED + "\r\n"), vm.console());
        }
    }

    @Test
    void anUnknownFaultIsAConfigurationErrorNotAnException() throws Exception {
        Path dir = Files.createTempDirectory(PREFIX + "unknown");
        try (UnikernelVm vm = UnikernelVm.boot(elf, initrd, config("no-such-fault"), null, MAC, dir)) {
            // isa-debug-exit: QEMU exits with (status << 1) | 1, here the config error 2
            assertEquals((2 << 1) | 1, vm.awaitExit(BOOT), vm.console());
            String console = vm.console();
            assertTrue(console.contains("fault: unknown fault \"no-such-fault\""), console);
            assertFalse(console.contains("CPU exception"), console);
        }
    }
}
