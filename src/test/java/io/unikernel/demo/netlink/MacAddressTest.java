package io.unikernel.demo.netlink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MacAddressTest {

    @Test
    void printsAsColonSeparatedLowerCaseHex() {
        assertEquals("02:42:ac:11:00:02", MacAddress.of(new byte[] {2, 0x42, (byte) 0xac, 0x11, 0, 2}).toString());
    }

    @Test
    void parsesEitherCaseAndRoundTrips() {
        MacAddress mac = MacAddress.parse("02:42:AC:11:00:02");

        assertEquals(MacAddress.parse("02:42:ac:11:00:02"), mac);
        assertEquals(0x0242ac110002L, mac.value());
        assertArrayEquals(new byte[] {2, 0x42, (byte) 0xac, 0x11, 0, 2}, mac.bytes());
    }

    @Test
    void givesLastThreeBytesForMacvtapName() {
        assertEquals("110004", MacAddress.parse("02:42:ac:11:00:04").lastThreeBytesHex());
        assertEquals("ffeedd", MacAddress.parse("0a:0b:0c:ff:ee:dd").lastThreeBytesHex());
    }

    @Test
    void rejectsMalformedText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MacAddress.parse("02:42:ac:11:00"));

        assertEquals("MAC address '02:42:ac:11:00' is not six colon-separated hex bytes like 02:42:ac:11:00:02",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02-42-ac-11-00-02"));
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse("02:42:ac:11:00:0g"));
    }

    @Test
    void rejectsWrongByteCountAndValuesBeyond48Bits() {
        assertEquals("MAC address has 4 bytes, expected 6",
                assertThrows(IllegalArgumentException.class, () -> MacAddress.of(new byte[4])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(-1));
    }
}
