package io.unikernel.demo.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One request to the kernel: nlmsghdr, the family header (ifinfomsg, ifaddrmsg, rtmsg) and
 * attributes. The sequence number and port id are filled in when it is sent.
 */
record NetlinkRequest(int type, int flags, byte[] familyHeader, List<RtAttr> attributes) {

    NetlinkRequest {
        familyHeader = familyHeader.clone();
        attributes = List.copyOf(attributes);
    }

    byte[] encode(int sequence, int portId) {
        int length = NetlinkConstants.NLMSG_HDRLEN + RtAttr.align(familyHeader.length);
        for (RtAttr attribute : attributes) {
            length += RtAttr.align(attribute.length());
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        buffer.putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId);
        buffer.put(familyHeader).position(NetlinkConstants.NLMSG_HDRLEN + RtAttr.align(familyHeader.length));
        attributes.forEach(attribute -> attribute.writeTo(buffer));
        return buffer.array();
    }

    /** A zeroed family header of {@code size} bytes in native order, for the caller to fill. */
    static ByteBuffer familyHeader(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }
}
