package io.unikernel.demo.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/** Byte fixtures for the wire tests: hex with spaces and comments, and hand-assembled replies. */
final class Bytes {
    private Bytes() {
    }

    /** "10 00 # a comment" lines to bytes. */
    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("#[^\n]*", "").replaceAll("\\s+", ""));
    }

    /** One netlink message: nlmsghdr, then the payload, padded to 4 bytes. */
    static byte[] message(int type, int flags, int sequence, int portId, byte[] payload) {
        int length = NetlinkConstants.NLMSG_HDRLEN + payload.length;
        return ByteBuffer.allocate(RtAttr.align(length)).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(length).putShort((short) type).putShort((short) flags).putInt(sequence).putInt(portId)
                .put(payload).array();
    }

    static ByteBuffer datagram(byte[]... messages) {
        int length = 0;
        for (byte[] message : messages) {
            length += message.length;
        }
        ByteBuffer datagram = ByteBuffer.allocate(length);
        for (byte[] message : messages) {
            datagram.put(message);
        }
        return datagram.flip();
    }

    static byte[] concat(byte[]... parts) {
        return datagram(parts).array();
    }

    /** Attributes as the kernel would send them. */
    static byte[] attributes(RtAttr... attributes) {
        int length = 0;
        for (RtAttr attribute : attributes) {
            length += RtAttr.align(attribute.length());
        }
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        for (RtAttr attribute : attributes) {
            attribute.writeTo(buffer);
        }
        return buffer.array();
    }
}
