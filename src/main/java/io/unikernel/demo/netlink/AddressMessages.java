package io.unikernel.demo.netlink;

import static io.unikernel.demo.netlink.NetlinkConstants.AF_INET;
import static io.unikernel.demo.netlink.NetlinkConstants.IFADDRMSG_SIZE;
import static io.unikernel.demo.netlink.NetlinkConstants.IFA_ADDRESS;
import static io.unikernel.demo.netlink.NetlinkConstants.IFA_LOCAL;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_ACK;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_DUMP;
import static io.unikernel.demo.netlink.NetlinkConstants.NLM_F_REQUEST;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_DELADDR;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_GETADDR;
import static io.unikernel.demo.netlink.NetlinkConstants.RTM_NEWADDR;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

/** Encodes IPv4 address requests (ifaddrmsg + IFA_* attributes) and decodes RTM_NEWADDR. */
final class AddressMessages {
    private AddressMessages() {
    }

    static NetlinkRequest dumpAddresses() {
        return new NetlinkRequest(RTM_GETADDR, NLM_F_REQUEST | NLM_F_DUMP, ifaddrmsg(0, 0), List.of());
    }

    /** Names the address as `ip addr del` does: IFA_LOCAL and IFA_ADDRESS both hold it. */
    static NetlinkRequest deleteAddress(Address address) {
        byte[] bytes = address.address().getAddress();
        return new NetlinkRequest(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK,
                ifaddrmsg(address.prefixLength(), address.index()),
                List.of(RtAttr.bytes(IFA_LOCAL, bytes), RtAttr.bytes(IFA_ADDRESS, bytes)));
    }

    /** The IPv4 address an RTM_NEWADDR message describes; empty for anything else. */
    static Optional<Address> decode(Reply.Message message) {
        ByteBuffer payload = message.payload();
        if (message.type() != RTM_NEWADDR || Byte.toUnsignedInt(payload.get(0)) != AF_INET) {
            return Optional.empty();
        }
        int prefixLength = Byte.toUnsignedInt(payload.get(1));
        int index = payload.getInt(4);
        Attributes attributes = Attributes.parse(payload.position(IFADDRMSG_SIZE));
        // IFA_LOCAL is the interface's own address; IFA_ADDRESS differs from it only on point-to-point links.
        return attributes.inet4(IFA_LOCAL).or(() -> attributes.inet4(IFA_ADDRESS))
                .map(address -> new Address(index, address, prefixLength));
    }

    // struct ifaddrmsg (if_addr.h): family, prefixlen, flags, scope, index.
    private static byte[] ifaddrmsg(int prefixLength, int index) {
        return NetlinkRequest.familyHeader(IFADDRMSG_SIZE)
                .put((byte) AF_INET).put((byte) prefixLength).put((byte) 0).put((byte) 0)
                .putInt(index).array();
    }
}
