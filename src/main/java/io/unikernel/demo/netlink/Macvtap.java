package io.unikernel.demo.netlink;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A macvtap link to create on {@code parentIndex}.
 *
 * @param requestedIndex the ifindex to ask for, or 0 to let the kernel choose
 */
public record Macvtap(String name, int parentIndex, MacvlanMode mode, int requestedIndex) {

    public Macvtap {
        validateName(name);
        Objects.requireNonNull(mode, "macvtap mode was not specified");
        if (parentIndex <= 0) {
            throw new IllegalArgumentException("parent link index " + parentIndex + " is not positive");
        }
        if (requestedIndex < 0) {
            throw new IllegalArgumentException("requested link index " + requestedIndex
                    + " is negative (0 lets the kernel choose)");
        }
    }

    /** Mode bridge, index chosen by the kernel: what the 2015 demo created. */
    public static Macvtap bridge(String name, int parentIndex) {
        return new Macvtap(name, parentIndex, MacvlanMode.BRIDGE, 0);
    }

    // The rules of dev_valid_name() in net/core/dev.c, so a bad name fails here with a reason.
    private static void validateName(String name) {
        Objects.requireNonNull(name, "interface name was not specified");
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0) {
            throw new IllegalArgumentException("interface name is empty");
        }
        if (bytes >= NetlinkConstants.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name '" + name + "' is " + bytes
                    + " bytes, longer than " + (NetlinkConstants.IFNAMSIZ - 1) + " bytes (IFNAMSIZ)");
        }
        if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == ':'
                || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("interface name '" + name
                    + "' is '.' or '..' or contains '/', ':' or whitespace");
        }
    }
}
