package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.NetlinkConstants.AF_INET;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.unikernel.demo.netlink.NetlinkConstants.RTA_DST;
import static io.unikernel.demo.netlink.NetlinkConstants.RTA_GATEWAY;
import static io.unikernel.demo.netlink.NetlinkConstants.RTA_OIF;
import static io.unikernel.demo.netlink.NetlinkConstants.RTA_TABLE;
import static io.unikernel.demo.netlink.NetlinkConstants.RTMSG_SIZE;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_GETROUTE;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_NEWROUTE;
import static io.unikernel.demo.netlink.NetlinkConstants.RTN_UNICAST;
import static io.unikernel.demo.netlink.NetlinkConstants.RT_TABLE_MAIN;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Encodes the IPv4 route dump (rtmsg) and decodes RTM_NEWROUTE of the main table. */
final class RouteMessages {
    private static final Inet4Address ANY = any();

    private RouteMessages() {
    }

    static NetlinkRequest dumpRoutes() {
        byte[] rtmsg = NetlinkRequest.familyHeader(RTMSG_SIZE).put((byte) AF_INET).array();
        return new NetlinkRequest(RTM_GETROUTE, NLM_F_REQUEST | NLM_F_DUMP, rtmsg, List.of());
    }

    /** A unicast IPv4 route of the main table; empty for other tables, types, families or messages. */
    static Optional<Route> decode(Reply.Message message) {
        // struct rtmsg (rtnetlink.h): family, dst_len, src_len, tos, table, protocol, scope, type, flags.
        ByteBuffer payload = message.payload();
        if (message.type() != RTM_NEWROUTE || Byte.toUnsignedInt(payload.get(0)) != AF_INET
                || Byte.toUnsignedInt(payload.get(7)) != RTN_UNICAST) {
            return Optional.empty();
        }
        int prefixLength = Byte.toUnsignedInt(payload.get(1));
        int headerTable = Byte.toUnsignedInt(payload.get(4));
        Attributes attributes = Attributes.parse(payload.position(RTMSG_SIZE));
        // rtm_table holds only 8 bits; RTA_TABLE has the full id.
        if (attributes.u32(RTA_TABLE).orElse(headerTable) != RT_TABLE_MAIN) {
            return Optional.empty();
        }
        return Optional.of(new Route(attributes.inet4(RTA_DST).orElse(ANY), prefixLength,
                attributes.inet4(RTA_GATEWAY), attributes.u32(RTA_OIF).orElse(0)));
    }

    private static Inet4Address any() {
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException("4 bytes are always an IPv4 address", impossible);
        }
    }
}
