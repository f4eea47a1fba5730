package io.unikernel.demo.netlink;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The attributes of a received message (or of a nest), by type; the last of a repeated type wins. */
final class Attributes {
    private final Map<Integer, ByteBuffer> values;

    private Attributes(Map<Integer, ByteBuffer> values) {
        this.values = values;
    }

    /** Reads attributes from the buffer's position to its limit. */
    static Attributes parse(ByteBuffer buffer) {
        ByteBuffer in = buffer.slice().order(ByteOrder.nativeOrder());
        Map<Integer, ByteBuffer> values = new HashMap<>();
        while (in.remaining() >= NetlinkConstants.NLA_HDRLEN) {
            int start = in.position();
            int length = Short.toUnsignedInt(in.getShort(start));
            int type = in.getShort(start + 2) & NetlinkConstants.NLA_TYPE_MASK;
            if (length < NetlinkConstants.NLA_HDRLEN || length > in.remaining()) {
                throw new IllegalArgumentException("attribute " + type + " claims " + length + " bytes, "
                        + in.remaining() + " left");
            }
            values.put(type, in.slice(start + NetlinkConstants.NLA_HDRLEN, length - NetlinkConstants.NLA_HDRLEN)
                    .order(ByteOrder.nativeOrder()));
            in.position(Math.min(in.limit(), start + RtAttr.align(length)));
        }
        return new Attributes(values);
    }

    Optional<ByteBuffer> bytes(int type) {
        // duplicate() forgets the byte order, so set it again.
        return Optional.ofNullable(values.get(type)).map(value -> value.duplicate().order(ByteOrder.nativeOrder()));
    }

    /** A string attribute, without its terminating NUL. */
    Optional<String> string(int type) {
        return bytes(type).map(value -> {
            byte[] raw = new byte[value.remaining()];
            value.get(raw);
            int end = 0;
            while (end < raw.length && raw[end] != 0) {
                end++;
            }
            return new String(raw, 0, end, StandardCharsets.UTF_8);
        });
    }

    Optional<Integer> u32(int type) {
        return bytes(type).filter(value -> value.remaining() >= 4).map(value -> value.getInt(0));
    }

    Optional<Attributes> nested(int type) {
        return bytes(type).map(Attributes::parse);
    }

    Optional<Inet4Address> inet4(int type) {
        return bytes(type).filter(value -> value.remaining() == 4).map(value -> {
            byte[] raw = new byte[4];
            value.get(raw);
            try {
                return (Inet4Address) InetAddress.getByAddress(raw);
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException("4 bytes are always an IPv4 address", impossible);
            }
        });
    }
}
