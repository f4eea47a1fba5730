package io.unikernel.demo.netlink;

/**
 * Kernel constants, spelled as in the kernel headers so they can be grepped there.
 * Values are the Linux UAPI ones; they are the same on every architecture we run on.
 */
final class NetlinkConstants {
    private NetlinkConstants() {
    }

    // <linux/socket.h>, <bits/socket.h>
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;

    // <linux/netlink.h>
    static final int NETLINK_ROUTE = 0;
    static final int SOCKADDR_NL_SIZE = 12;
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLM_F_REQUEST = 0x01;
    static final int NLM_F_MULTI = 0x02;
    static final int NLM_F_ACK = 0x04;
    static final int NLM_F_DUMP_INTR = 0x10;
    static final int NLM_F_ROOT = 0x100;
    static final int NLM_F_MATCH = 0x200;
    static final int NLM_F_DUMP = NLM_F_ROOT | NLM_F_MATCH;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLA_HDRLEN = 4;
    static final int NLA_TYPE_MASK = 0x3fff;

    // <linux/rtnetlink.h>
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_GETROUTE = 26;
    static final int RT_TABLE_MAIN = 254;
    static final int RTN_UNICAST = 1;
    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_TABLE = 15;
    static final int IFINFOMSG_SIZE = 16;
    static final int RTMSG_SIZE = 12;

    // <linux/if_addr.h>
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFADDRMSG_SIZE = 8;

    // <linux/if.h>
    static final int IFF_UP = 0x1;
    static final int IFNAMSIZ = 16;

    // <linux/if_link.h>
    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_LINK = 5;
    static final int IFLA_LINKINFO = 18;
    static final int IFLA_INFO_KIND = 1;
    static final int IFLA_INFO_DATA = 2;
    static final int IFLA_MACVLAN_MODE = 1;
    static final int MACVLAN_MODE_PRIVATE = 1;
    static final int MACVLAN_MODE_VEPA = 2;
    static final int MACVLAN_MODE_BRIDGE = 4;
    static final int MACVLAN_MODE_PASSTHRU = 8;
    static final int MACVLAN_MODE_SOURCE = 16;

    // <asm-generic/errno-base.h>, <asm-generic/errno.h>
    static final int ENODEV = 19;
    static final int EPROTO = 71;
}
