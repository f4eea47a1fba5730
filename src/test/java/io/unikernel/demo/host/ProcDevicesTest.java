package io.unikernel.demo.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcDevicesTest {
    private static final String DEVICES = """
            Character devices:
              1 mem
             10 misc
            246 macvtap
            254 gpiochip

            Block devices:
            246 notachar
            259 blkext
            """;

    @Test
    void findsCharacterMajorOnly(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("devices"), DEVICES);
        assertEquals(OptionalInt.of(246), new ProcDevices(proc).characterMajor("macvtap"));
        assertEquals(OptionalInt.empty(), new ProcDevices(proc).characterMajor("notachar"));
    }

    @Test
    void tellsUserToLoadMacvtapWhenItIsMissing(@TempDir Path proc) throws Exception {
        Files.writeString(proc.resolve("devices"), DEVICES.replace("246 macvtap\n", ""));
        var e = assertThrows(HostException.class, () -> new ProcDevices(proc).macvtapMajor());
        assertTrue(e.getMessage().startsWith("The macvtap kernel module is not loaded"), e.getMessage());
        assertTrue(e.getMessage().endsWith("run 'modprobe macvtap' and try again"), e.getMessage());
    }

    @Test
    void readsTheRealKernelTable() throws Exception {
        assertTrue(new ProcDevices(Path.of("/proc")).characterMajor("mem").isPresent());
    }
}
