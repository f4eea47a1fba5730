package io.unikernel.demo.netlink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacvtapTest {

    @Test
    void bridgeLetsKernelChooseIndex() {
        assertEquals(new Macvtap("vtap110004", 2, MacvlanMode.BRIDGE, 0), Macvtap.bridge("vtap110004", 2));
    }

    @Test
    void acceptsNameOfFifteenBytes() {
        assertEquals("vtap12345678901", Macvtap.bridge("vtap12345678901", 2).name());
    }

    @Test
    void rejectsNameLongerThanIfnamsiz() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Macvtap.bridge("vtap123456789012", 2));

        assertEquals("interface name 'vtap123456789012' is 16 bytes, longer than 15 bytes (IFNAMSIZ)",
                e.getMessage());
    }

    @Test
    void countsNameLengthInBytesNotCharacters() {
        assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("vtapéééééééé", 2));
    }

    @Test
    void rejectsEmptyAndReservedNames() {
        assertEquals("interface name is empty",
                assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("", 2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("..", 2));
        assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("vtap/1", 2));
        assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("vtap 1", 2));
        assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("vtap:1", 2));
    }

    @Test
    void rejectsMissingParentAndNegativeRequestedIndex() {
        assertEquals("parent link index 0 is not positive",
                assertThrows(IllegalArgumentException.class, () -> Macvtap.bridge("vtap0", 0)).getMessage());
        assertEquals("requested link index -1 is negative (0 lets the kernel choose)",
                assertThrows(IllegalArgumentException.class,
                        () -> new Macvtap("vtap0", 2, MacvlanMode.BRIDGE, -1)).getMessage());
        assertThrows(NullPointerException.class, () -> new Macvtap("vtap0", 2, null, 0));
    }

    @Test
    void modesCarryKernelValues() {
        assertEquals(1, MacvlanMode.PRIVATE.kernelValue());
        assertEquals(2, MacvlanMode.VEPA.kernelValue());
        assertEquals(4, MacvlanMode.BRIDGE.kernelValue());
        assertEquals(8, MacvlanMode.PASSTHRU.kernelValue());
        assertEquals(16, MacvlanMode.SOURCE.kernelValue());
    }
}
