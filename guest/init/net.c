/* The guest's network from its configuration, by ioctl: no netlink, no ip(8) in the guest. */
#define _GNU_SOURCE
#include "init.h"
#include "net.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

static void set_addr(int s, struct ifreq *ifr, unsigned long req, const char *addr, const char *what)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)&ifr->ifr_addr;
    memset(sin, 0, sizeof *sin);
    sin->sin_family = AF_INET;
    inet_pton(AF_INET, addr, &sin->sin_addr);
    if (ioctl(s, req, ifr) < 0)
        fatal("cannot set the %s of %s to %s: %s", what, ifr->ifr_name, addr, strerror(errno));
}

static void if_up(int s, const char *name)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
        fatal("cannot read the flags of %s: %s", name, strerror(errno));
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
        fatal("cannot bring %s up: %s", name, strerror(errno));
}

/* Gratuitous ARP (request and reply, sender = target = our address), so that the host's
 * neighbour cache forgets the MAC of a previous guest that had this address. */
static void gratuitous_arp(const char *ifname, struct in_addr ip)
{
    struct ifreq ifr;
    int s = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(0x0806));
    if (s < 0) {
        say("warning: no gratuitous ARP (AF_PACKET socket: %s)", strerror(errno));
        return;
    }
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", ifname);
    if (ioctl(s, SIOCGIFHWADDR, &ifr) < 0) {
        say("warning: no gratuitous ARP (hardware address of %s: %s)", ifname, strerror(errno));
        close(s);
        return;
    }
    unsigned char pkt[28];
    pkt[0] = 0; pkt[1] = 1;       /* Ethernet */
    pkt[2] = 0x08; pkt[3] = 0x00; /* IPv4 */
    pkt[4] = 6; pkt[5] = 4;
    memcpy(pkt + 8, ifr.ifr_hwaddr.sa_data, 6);
    memcpy(pkt + 14, &ip, 4);
    memcpy(pkt + 24, &ip, 4);
    struct sockaddr_ll to;
    memset(&to, 0, sizeof to);
    to.sll_family = AF_PACKET;
    to.sll_protocol = htons(0x0806);
    to.sll_ifindex = (int)if_nametoindex(ifname);
    to.sll_halen = 6;
    memset(to.sll_addr, 0xff, 6);
    for (int op = 1; op <= 2; op++) {
        pkt[6] = 0; pkt[7] = (unsigned char)op;
        if (op == 1)
            memset(pkt + 18, 0, 6);
        else
            memset(pkt + 18, 0xff, 6);
        if (sendto(s, pkt, sizeof pkt, 0, (struct sockaddr *)&to, sizeof to) < 0)
            say("warning: gratuitous ARP on %s: %s", ifname, strerror(errno));
    }
    close(s);
}

void setup_net(const struct cfg_net *net)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        fatal("cannot open an INET socket: %s", strerror(errno));
    if (if_present("lo"))
        if_up(s, "lo"); /* the kernel gives lo 127.0.0.1/8 when it comes up */
    if (!net->present) {
        close(s);
        return;
    }
    if (wait_for(if_present, net->ifname, 5000) < 0)
        fatal("network interface %s does not exist (is a virtio-net device attached?)", net->ifname);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", net->ifname);
    set_addr(s, &ifr, SIOCSIFADDR, net->addr, "address");
    char mask[INET_ADDRSTRLEN];
    struct in_addr m = {htonl(net->prefix ? 0xFFFFFFFFu << (32 - net->prefix) : 0)};
    inet_ntop(AF_INET, &m, mask, sizeof mask);
    set_addr(s, &ifr, SIOCSIFNETMASK, mask, "netmask");
    if_up(s, net->ifname);
    if (net->gw) {
        struct rtentry rt;
        memset(&rt, 0, sizeof rt);
        struct sockaddr_in *dst = (struct sockaddr_in *)&rt.rt_dst;
        struct sockaddr_in *gw = (struct sockaddr_in *)&rt.rt_gateway;
        struct sockaddr_in *msk = (struct sockaddr_in *)&rt.rt_genmask;
        dst->sin_family = gw->sin_family = msk->sin_family = AF_INET;
        inet_pton(AF_INET, net->gw, &gw->sin_addr);
        rt.rt_flags = RTF_UP | RTF_GATEWAY;
        rt.rt_dev = (char *)net->ifname;
        if (ioctl(s, SIOCADDRT, &rt) < 0)
            fatal("cannot add the default route via %s on %s: %s (is the gateway inside %s/%d?)", net->gw,
                  net->ifname, strerror(errno), net->addr, net->prefix);
    }
    close(s);
    struct in_addr ip;
    inet_pton(AF_INET, net->addr, &ip);
    gratuitous_arp(net->ifname, ip);
    say("net %s %s/%d gw %s", net->ifname, net->addr, net->prefix, net->gw ? net->gw : "none");
}

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t l = strlen(text);
    int ok = write(fd, text, l) == (ssize_t)l;
    if (close(fd) < 0 || !ok)
        return -1;
    return 0;
}

void setup_dns(const char *dns)
{
    char text[128];
    snprintf(text, sizeof text, "nameserver %s\n", dns);
    if (write_file("/etc/resolv.conf", text) == 0) {
        say("dns %s (/etc/resolv.conf)", dns);
        return;
    }
    int why = errno;
    if (write_file("/run/resolv.conf", text) < 0)
        fatal("cannot write /run/resolv.conf: %s", strerror(errno));
    if (mount("/run/resolv.conf", "/etc/resolv.conf", NULL, MS_BIND, NULL) < 0) {
        say("warning: dns %s not configured: /etc/resolv.conf is not writable (%s) and /run/resolv.conf "
            "cannot be bound over it (%s); the config image needs an empty etc/resolv.conf",
            dns, strerror(why), strerror(errno));
        return;
    }
    say("dns %s (/run/resolv.conf bound on /etc/resolv.conf)", dns);
}
