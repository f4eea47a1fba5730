package io.unikernel.demo.launcher;

import java.net.Inet4Address;

/**
 * What the plumbing produced for one container: the macvtap the guest uses, and the IPv4
 * configuration taken from eth0 and handed to the guest through {@code /ip}, {@code /mask}, {@code /gw}.
 */
public record GuestNetwork(
        String macvtap,
        String mac,
        String tapDevice,
        Inet4Address address,
        int prefixLength,
        Inet4Address gateway,
        String resolver) {
}
