package io.unikernel.demo.netlink;

import java.util.Objects;

/**
 * A network link as the kernel reports it.
 *
 * @param mac         the hardware address, {@link MacAddress#ZERO} when the link has no Ethernet address
 * @param parentIndex IFLA_LINK (for a veth whose peer is in another namespace: the peer's index
 *                    there), or 0
 * @param kind        IFLA_INFO_KIND ("macvtap", "veth"), or "" for a physical or loopback link
 */
public record Link(int index, String name, MacAddress mac, int parentIndex, boolean up, String kind) {

    public Link {
        if (index <= 0) {
            throw new IllegalArgumentException("link index " + index + " is not positive");
        }
        Objects.requireNonNull(name, "link name was not specified");
        Objects.requireNonNull(mac, "link MAC address was not specified");
        Objects.requireNonNull(kind, "link kind was not specified");
        if (parentIndex < 0) {
            throw new IllegalArgumentException("parent link index " + parentIndex + " is negative");
        }
    }
}
