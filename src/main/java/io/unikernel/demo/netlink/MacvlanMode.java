package io.unikernel.demo.netlink;

/** How a macvlan/macvtap talks to its siblings on the same parent (enum macvlan_mode, if_link.h). */
public enum MacvlanMode {
    PRIVATE(NetlinkConstants.MACVLAN_MODE_PRIVATE),
    VEPA(NetlinkConstants.MACVLAN_MODE_VEPA),
    BRIDGE(NetlinkConstants.MACVLAN_MODE_BRIDGE),
    PASSTHRU(NetlinkConstants.MACVLAN_MODE_PASSTHRU),
    SOURCE(NetlinkConstants.MACVLAN_MODE_SOURCE);

    private final int kernelValue;

    MacvlanMode(int kernelValue) {
        this.kernelValue = kernelValue;
    }

    /** The value of IFLA_MACVLAN_MODE. */
    public int kernelValue() {
        return kernelValue;
    }

    /** The word `ip link add ... type macvtap mode WORD` uses. */
    String ipWord() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
