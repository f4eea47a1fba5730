package io.unikernel.demo.netlink;

import java.net.Inet4Address;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 unicast route of the main table.
 *
 * @param outputIndex the output link (RTA_OIF), or 0 when the route has none (multipath)
 */
public record Route(Inet4Address destination, int prefixLength, Optional<Inet4Address> gateway, int outputIndex) {

    public Route {
        Objects.requireNonNull(destination, "route destination was not specified");
        Objects.requireNonNull(gateway, "route gateway was not specified (use Optional.empty())");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32");
        }
        if (outputIndex < 0) {
            throw new IllegalArgumentException("output link index " + outputIndex + " is negative");
        }
    }

    /** 0.0.0.0/0 through a gateway. */
    public boolean isDefault() {
        return prefixLength == 0 && gateway.isPresent();
    }
}
