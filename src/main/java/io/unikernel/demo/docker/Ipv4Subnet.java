package io.unikernel.demo.docker;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IPv4 network in CIDR form, e.g. 172.17.0.0/16. */
public record Ipv4Subnet(Inet4Address network, int prefixLength) {
    public Ipv4Subnet {
        Objects.requireNonNull(network, "network was not specified");
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-32");
        }
    }

    /** Parses "A.B.C.D/N"; throws IllegalArgumentException naming the text otherwise. */
    public static Ipv4Subnet parse(String cidr) {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0 || !cidr.substring(0, slash).matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || !cidr.substring(slash + 1).matches("\\d{1,2}")) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 subnet (A.B.C.D/N)");
        }
        try {
            return new Ipv4Subnet((Inet4Address) InetAddress.getByName(cidr.substring(0, slash)),
                    Integer.parseInt(cidr.substring(slash + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 subnet (A.B.C.D/N)", e);
        }
    }

    public boolean contains(InetAddress address) {
        return address instanceof Inet4Address v4 && BridgeNetwork.sameSubnet(v4, network, prefixLength);
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
