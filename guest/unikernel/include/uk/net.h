/* The lwIP port: one Ethernet interface on the virtio NIC, and the event loop around it. */
#ifndef UK_NET_H
#define UK_NET_H

#include <stdint.h>

#include "uk/netdev.h"

/* Addresses in network byte order; gw 0 for none. Sends a gratuitous ARP. */
void uk_net_start(struct uk_netdev *nd, uint32_t addr, uint32_t netmask, uint32_t gw, const char *hostname);

/*
 * Runs lwIP until the ACPI power button is pressed: received frames, expired timeouts, then a
 * halt until the NIC interrupts or the next lwIP timeout is due (no tick when none is).
 */
void uk_net_run(void);

#endif
