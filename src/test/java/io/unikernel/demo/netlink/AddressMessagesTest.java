package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.Bytes.attributes;
import static io.unikernel.demo.netlink.Bytes.concat;
import static io.unikernel.demo.netlink.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AddressMessagesTest {

    @Test
    void encodesDeleteAddressWithLocalAndAddress() throws Exception {
        byte[] expected = hex("""
                28 00 00 00  15 00  05 00  09 00 00 00  00 00 00 00   # nlmsghdr: 40 bytes, RTM_DELADDR, REQUEST|ACK, seq 9
                02 18 00 00  03 00 00 00                             # ifaddrmsg: AF_INET, /24, index 3
                08 00 02 00  0a 00 00 02                             # IFA_LOCAL 10.0.0.2
                08 00 01 00  0a 00 00 02                             # IFA_ADDRESS 10.0.0.2
                """);

        byte[] actual = AddressMessages.deleteAddress(new Address(3, inet4("10.0.0.2"), 24)).encode(9, 0);

        assertArrayEquals(expected, actual);
    }

    @Test
    void encodesInet4AddressDump() {
        byte[] expected = hex("""
                18 00 00 00  16 00  01 03  02 00 00 00  00 00 00 00   # RTM_GETADDR, REQUEST|DUMP, seq 2
                02 00 00 00  00 00 00 00                             # ifaddrmsg: AF_INET
                """);

        assertArrayEquals(expected, AddressMessages.dumpAddresses().encode(2, 0));
    }

    @Test
    void decodesLocalAddressOfInet4Message() throws Exception {
        byte[] payload = concat(hex("02 10 80 00  05 00 00 00"), attributes(
                RtAttr.bytes(NetlinkConstants.IFA_ADDRESS, hex("ac 11 00 02")),
                RtAttr.bytes(NetlinkConstants.IFA_LOCAL, hex("ac 11 00 02")),
                RtAttr.string(3, "eth0")));

        Optional<Address> address = AddressMessages.decode(new Reply.Message(NetlinkConstants.RTM_NEWADDR,
                ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder())));

        assertEquals(Optional.of(new Address(5, inet4("172.17.0.2"), 16)), address);
    }

    @Test
    void ignoresInet6Messages() {
        byte[] payload = hex("0a 40 00 00  05 00 00 00");

        assertEquals(Optional.empty(), AddressMessages.decode(new Reply.Message(NetlinkConstants.RTM_NEWADDR,
                ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()))));
    }

    static Inet4Address inet4(String text) throws Exception {
        return (Inet4Address) InetAddress.getByName(text);
    }
}
