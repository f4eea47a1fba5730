package io.unikernel.demo.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A route attribute to send: a leaf holding bytes, or a nest holding attributes. Lengths and the
 * 4-byte alignment of netlink (NLMSG_ALIGN, RTA_ALIGN, NLA_ALIGN all align to 4) live here only.
 */
final class RtAttr {
    private final int type;
    private final byte[] value;
    private final List<RtAttr> children;

    private RtAttr(int type, byte[] value, List<RtAttr> children) {
        this.type = type;
        this.value = value;
        this.children = children;
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    static RtAttr bytes(int type, byte[] value) {
        return new RtAttr(type, value.clone(), List.of());
    }

    /** A NUL-terminated string, as the kernel expects for names and kinds. */
    static RtAttr string(int type, String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[text.length + 1];
        System.arraycopy(text, 0, terminated, 0, text.length);
        return new RtAttr(type, terminated, List.of());
    }

    static RtAttr u32(int type, int value) {
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array();
        return new RtAttr(type, bytes, List.of());
    }

    static RtAttr nest(int type, RtAttr... children) {
        return new RtAttr(type, null, List.of(children));
    }

    /** rta_len: header and payload, without the padding after the payload. */
    int length() {
        if (value != null) {
            return NetlinkConstants.NLA_HDRLEN + value.length;
        }
        int length = NetlinkConstants.NLA_HDRLEN;
        for (RtAttr child : children) {
            length += align(child.length());
        }
        return length;
    }

    /** Writes header, payload and padding; the buffer must be in native byte order. */
    void writeTo(ByteBuffer buffer) {
        int start = buffer.position();
        buffer.putShort((short) length()).putShort((short) type);
        if (value != null) {
            buffer.put(value);
        } else {
            children.forEach(child -> child.writeTo(buffer));
        }
        buffer.position(start + align(length()));
    }
}
