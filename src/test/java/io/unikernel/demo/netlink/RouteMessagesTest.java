package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.AddressMessagesTest.inet4;
import static io.unikernel.demo.netlink.Bytes.attributes;
import static io.unikernel.demo.netlink.Bytes.concat;
import static io.unikernel.demo.netlink.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RouteMessagesTest {

    @Test
    void decodesDefaultRouteOfMainTable() throws Exception {
        // rtmsg: AF_INET, dst_len 0, src_len 0, tos 0, table main, proto boot, scope universe, unicast
        byte[] payload = concat(hex("02 00 00 00  fe 03 00 01  00 00 00 00"), attributes(
                RtAttr.u32(NetlinkConstants.RTA_TABLE, 254),
                RtAttr.bytes(NetlinkConstants.RTA_GATEWAY, hex("ac 11 00 01")),
                RtAttr.u32(NetlinkConstants.RTA_OIF, 5)));

        Route route = RouteMessages.decode(message(payload)).orElseThrow();

        assertEquals(new Route(inet4("0.0.0.0"), 0, Optional.of(inet4("172.17.0.1")), 5), route);
        assertTrue(route.isDefault());
    }

    @Test
    void decodesConnectedRouteWithoutGateway() throws Exception {
        byte[] payload = concat(hex("02 10 00 00  fe 02 fd 01  00 00 00 00"), attributes(
                RtAttr.bytes(NetlinkConstants.RTA_DST, hex("ac 11 00 00")),
                RtAttr.u32(NetlinkConstants.RTA_OIF, 5)));

        assertEquals(Optional.of(new Route(inet4("172.17.0.0"), 16, Optional.empty(), 5)),
                RouteMessages.decode(message(payload)));
    }

    @Test
    void ignoresRoutesOfOtherTables() {
        // table local (255), type local (2)
        byte[] local = hex("02 20 00 00  ff 02 fe 02  00 00 00 00");
        // rtm_table says "compat" (252), RTA_TABLE says 1000
        byte[] custom = concat(hex("02 00 00 00  fc 03 00 01  00 00 00 00"),
                attributes(RtAttr.u32(NetlinkConstants.RTA_TABLE, 1000)));

        assertEquals(Optional.empty(), RouteMessages.decode(message(local)));
        assertEquals(Optional.empty(), RouteMessages.decode(message(custom)));
    }

    @Test
    void encodesInet4RouteDump() {
        assertEquals("1c0000001a00010301000000000000000200000000000000"
                + "00000000", java.util.HexFormat.of().formatHex(RouteMessages.dumpRoutes().encode(1, 0)));
    }

    private static Reply.Message message(byte[] payload) {
        return new Reply.Message(NetlinkConstants.RTM_NEWROUTE, ByteBuffer.wrap(payload).order(ByteOrder.nativeOrder()));
    }
}
