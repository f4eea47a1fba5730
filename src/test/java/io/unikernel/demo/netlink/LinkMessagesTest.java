package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.Bytes.attributes;
import static io.unikernel.demo.netlink.Bytes.concat;
import static io.unikernel.demo.netlink.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Byte layouts as on x86-64 (little-endian). */
class LinkMessagesTest {

    @Test
    void encodesMacvtapWithNestedLinkInfo() {
        byte[] expected = hex("""
                54 00 00 00  10 00  05 06  07 00 00 00  00 00 00 00   # nlmsghdr: 84 bytes, RTM_NEWLINK,
                                                                     # REQUEST|ACK|EXCL|CREATE, seq 7, port 0
                00 00 00 00  00 00 00 00  00 00 00 00  00 00 00 00   # ifinfomsg: AF_UNSPEC, index 0 (kernel chooses)
                0f 00 03 00  76 74 61 70 31 31 30 30 30 34 00  00    # IFLA_IFNAME "vtap110004\\0", 1 byte padding
                08 00 05 00  02 00 00 00                             # IFLA_LINK 2
                1c 00 12 00                                          # IFLA_LINKINFO, 28 bytes
                  0c 00 01 00  6d 61 63 76 74 61 70 00               #   IFLA_INFO_KIND "macvtap\\0"
                  0c 00 02 00                                        #   IFLA_INFO_DATA, 12 bytes
                    08 00 01 00  04 00 00 00                         #     IFLA_MACVLAN_MODE BRIDGE
                """);

        byte[] actual = LinkMessages.newMacvtap(Macvtap.bridge("vtap110004", 2)).encode(7, 0);

        assertArrayEquals(expected, actual);
    }

    @Test
    void encodesRequestedIndexAndModeOfMacvtap() {
        byte[] actual = LinkMessages.newMacvtap(new Macvtap("vtap110004", 2, MacvlanMode.PASSTHRU, 4242)).encode(7, 0);

        ByteBuffer buffer = ByteBuffer.wrap(actual).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(4242, buffer.getInt(16 + 4), "ifi_index");
        assertEquals(8, buffer.getInt(actual.length - 4), "IFLA_MACVLAN_MODE PASSTHRU");
    }

    @Test
    void encodesSetUpAsFlagAndChangeMask() {
        byte[] expected = hex("""
                20 00 00 00  10 00  05 00  09 00 00 00  2a 00 00 00   # RTM_NEWLINK, REQUEST|ACK, seq 9, port 42
                00 00 00 00  05 00 00 00  01 00 00 00  01 00 00 00   # ifinfomsg: index 5, flags IFF_UP, change IFF_UP
                """);

        assertArrayEquals(expected, LinkMessages.setUp(5).encode(9, 42));
    }

    @Test
    void encodesDeleteLinkByIndex() {
        byte[] expected = hex("""
                20 00 00 00  11 00  05 00  01 00 00 00  00 00 00 00   # RTM_DELLINK, REQUEST|ACK
                00 00 00 00  05 00 00 00  00 00 00 00  00 00 00 00   # ifinfomsg: index 5
                """);

        assertArrayEquals(expected, LinkMessages.deleteLink(5).encode(1, 0));
    }

    @Test
    void decodesLinkWithMacParentStateAndKind() {
        byte[] ifinfomsg = hex("00 00 01 00  07 00 00 00  43 10 01 00  00 00 00 00"); // index 7, UP|BROADCAST|RUNNING|MULTICAST|LOWER_UP
        byte[] payload = concat(ifinfomsg, attributes(
                RtAttr.string(NetlinkConstants.IFLA_IFNAME, "vtap110004"),
                RtAttr.bytes(NetlinkConstants.IFLA_ADDRESS, hex("02 42 ac 11 00 04")),
                RtAttr.u32(NetlinkConstants.IFLA_LINK, 2),
                RtAttr.nest(NetlinkConstants.IFLA_LINKINFO, RtAttr.string(NetlinkConstants.IFLA_INFO_KIND, "macvtap"))));

        Optional<Link> link = LinkMessages.decode(message(payload));

        assertEquals(Optional.of(new Link(7, "vtap110004", MacAddress.parse("02:42:ac:11:00:04"), 2, true, "macvtap")),
                link);
    }

    @Test
    void decodesLinkWithoutEthernetAddressAsZeroMacAndNoKind() {
        byte[] payload = concat(hex("00 00 00 00  01 00 00 00  08 00 00 00  00 00 00 00"),
                attributes(RtAttr.string(NetlinkConstants.IFLA_IFNAME, "tun0")));

        Link link = LinkMessages.decode(message(payload)).orElseThrow();

        assertEquals(MacAddress.ZERO, link.mac());
        assertEquals("", link.kind());
        assertEquals(0, link.parentIndex());
        assertFalse(link.up());
    }

    private static Reply.Message message(byte[] payload) {
        return new Reply.Message(NetlinkConstants.RTM_NEWLINK,
                ByteBuffer.wrap(payload).order(java.nio.ByteOrder.nativeOrder()));
    }
}
