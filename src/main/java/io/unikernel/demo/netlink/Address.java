package io.unikernel.demo.netlink;

import java.net.Inet4Address;
import java.util.Objects;

/** An IPv4 address on a link, like 172.17.0.2/16 on eth0. */
public record Address(int index, Inet4Address address, int prefixLength) {

    public Address {
        if (index <= 0) {
            throw new IllegalArgumentException("link index " + index + " is not positive");
        }
        Objects.requireNonNull(address, "IPv4 address was not specified");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
    }

    /** "172.17.0.2/16", as `ip` writes it. */
    public String cidr() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
