package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.NetlinkConstants.AF_UNSPEC;
import static io.unikernel.demo.netlink.NetlinkConstants.IFF_UP;
import static io.unikernel.demo.netlink.NetlinkConstants.IFINFOMSG_SIZE;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_ADDRESS;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_IFNAME;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_INFO_DATA;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_INFO_KIND;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_LINK;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_LINKINFO;
import static io.unikernel.demo.netlink.NetlinkConstants.IFLA_MACVLAN_MODE;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_ACK;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_CREATE;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_EXCL;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_DELLINK;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_GETLINK;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_NEWLINK;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Encodes link requests (ifinfomsg + IFLA_* attributes) and decodes RTM_NEWLINK into {@link Link}. */
final class LinkMessages {
    private static final int MAC_LENGTH = 6;

    private LinkMessages() {
    }

    static NetlinkRequest dumpLinks() {
        return new NetlinkRequest(RTM_GETLINK, NLM_F_REQUEST | NLM_F_DUMP, ifinfomsg(0, 0, 0), List.of());
    }

    static NetlinkRequest getLink(String name) {
        return new NetlinkRequest(RTM_GETLINK, NLM_F_REQUEST, ifinfomsg(0, 0, 0),
                List.of(RtAttr.string(IFLA_IFNAME, name)));
    }

    static NetlinkRequest getLink(int index) {
        return new NetlinkRequest(RTM_GETLINK, NLM_F_REQUEST, ifinfomsg(index, 0, 0), List.of());
    }

    static NetlinkRequest newMacvtap(Macvtap spec) {
        return new NetlinkRequest(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK,
                ifinfomsg(spec.requestedIndex(), 0, 0),
                List.of(RtAttr.string(IFLA_IFNAME, spec.name()),
                        RtAttr.u32(IFLA_LINK, spec.parentIndex()),
                        RtAttr.nest(IFLA_LINKINFO,
                                RtAttr.string(IFLA_INFO_KIND, "macvtap"),
                                RtAttr.nest(IFLA_INFO_DATA,
                                        RtAttr.u32(IFLA_MACVLAN_MODE, spec.mode().kernelValue())))));
    }

    static NetlinkRequest setUp(int index) {
        return new NetlinkRequest(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, ifinfomsg(index, IFF_UP, IFF_UP), List.of());
    }

    static NetlinkRequest deleteLink(int index) {
        return new NetlinkRequest(RTM_DELLINK, NLM_F_REQUEST | NLM_F_ACK, ifinfomsg(index, 0, 0), List.of());
    }

    /** The link an RTM_NEWLINK message describes; empty for any other message type. */
    static Optional<Link> decode(Reply.Message message) {
        if (message.type() != RTM_NEWLINK) {
            return Optional.empty();
        }
        ByteBuffer payload = message.payload();
        int index = payload.getInt(4);
        int flags = payload.getInt(8);
        Attributes attributes = Attributes.parse(payload.position(IFINFOMSG_SIZE));
        MacAddress mac = attributes.bytes(IFLA_ADDRESS)
                .filter(address -> address.remaining() == MAC_LENGTH)
                .map(address -> {
                    byte[] bytes = new byte[MAC_LENGTH];
                    address.get(bytes);
                    return MacAddress.of(bytes);
                })
                .orElse(MacAddress.ZERO);
        String kind = attributes.nested(IFLA_LINKINFO).flatMap(info -> info.string(IFLA_INFO_KIND)).orElse("");
        return Optional.of(new Link(index, attributes.string(IFLA_IFNAME).orElse(""), mac,
                attributes.u32(IFLA_LINK).orElse(0), (flags & IFF_UP) != 0, kind));
    }

    // struct ifinfomsg (rtnetlink.h): family, pad, type, index, flags, change.
    private static byte[] ifinfomsg(int index, int flags, int change) {
        return NetlinkRequest.familyHeader(IFINFOMSG_SIZE)
                .put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0)
                .putInt(index).putInt(flags).putInt(change).array();
    }
}
