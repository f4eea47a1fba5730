/* The virtio NIC as an lwIP netif, and the loop that feeds it. */
#include "uk/net.h"
#include "uk/acpi.h"
#include "uk/irq.h"
#include "uk/time.h"

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include <string.h>

#define MAX_TX_PARTS 16
#define ETH_MTU 1500

static struct netif nif;

static err_t linkoutput(struct netif *n, struct pbuf *p)
{
    const void *parts[MAX_TX_PARTS];
    size_t lens[MAX_TX_PARTS];
    int count = 0;
    struct pbuf *q = p;
    for (; q != NULL && count < MAX_TX_PARTS; q = q->next, count++) {
        parts[count] = q->payload;
        lens[count] = q->len;
    }
    static unsigned char flat[ETH_MTU + 14];
    if (q != NULL) { /* a chain longer than the gather list: one copy */
        parts[0] = flat;
        lens[0] = pbuf_copy_partial(p, flat, sizeof flat, 0);
        count = 1;
    }
    return uk_netdev_send(n->state, parts, lens, count) == 0 ? ERR_OK : ERR_MEM;
}

static err_t init_netif(struct netif *n)
{
    n->name[0] = 'e';
    n->name[1] = 'n';
    n->output = etharp_output;
    n->linkoutput = linkoutput;
    n->mtu = ETH_MTU;
    n->hwaddr_len = ETH_HWADDR_LEN;
    uk_netdev_mac(n->state, n->hwaddr);
    n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
    return ERR_OK;
}

void uk_net_start(struct uk_netdev *nd, uint32_t addr, uint32_t netmask, uint32_t gw, const char *hostname)
{
    lwip_init();
    ip4_addr_t a, m, g;
    ip4_addr_set_u32(&a, addr);
    ip4_addr_set_u32(&m, netmask);
    ip4_addr_set_u32(&g, gw);
    netif_add(&nif, &a, &m, &g, nd, init_netif, ethernet_input);
    netif_set_hostname(&nif, hostname);
    netif_set_default(&nif);
    netif_set_up(&nif);
    netif_set_link_up(&nif); /* announces the address: a gratuitous ARP */
}

static void receive(void *arg, const void *frame, size_t len)
{
    struct netif *n = arg;
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
    if (p == NULL)
        return; /* out of buffers: dropped, as a full NIC would */
    pbuf_take(p, frame, (u16_t)len);
    if (n->input(p, n) != ERR_OK)
        pbuf_free(p);
}

void uk_net_run(void)
{
    struct uk_netdev *nd = nif.state;
    for (;;) {
        uk_netdev_poll(nd, receive, &nif);
        sys_check_timeouts();
        if (uk_acpi_shutdown_requested())
            return;
        if (uk_netdev_pending(nd))
            continue;
        u32_t sleep = sys_timeouts_sleeptime();
        uk_timer_oneshot_ms(sleep == SYS_TIMEOUTS_SLEEPTIME_INFINITE ? 0 : (sleep ? sleep : 1));
        uk_wait_for_interrupt();
    }
}
