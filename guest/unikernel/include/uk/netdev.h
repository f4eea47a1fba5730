/* The one NIC: legacy virtio-net over PCI, frames in and out without the net header. */
#ifndef UK_NETDEV_H
#define UK_NETDEV_H

#include <stddef.h>
#include <stdint.h>

struct uk_netdev;

typedef void (*uk_netdev_rx)(void *arg, const void *frame, size_t len);

/* Finds and starts the device; NULL (and a message in err) when there is none. */
struct uk_netdev *uk_netdev_open(char *err, size_t errlen);
void uk_netdev_mac(const struct uk_netdev *nd, uint8_t mac[6]);
/* Hands every received frame to rx; returns the number handed. */
int uk_netdev_poll(struct uk_netdev *nd, uk_netdev_rx rx, void *arg);
/* Gathers len bytes from the parts into one frame; -1 when the ring is full. */
int uk_netdev_send(struct uk_netdev *nd, const void *const *parts, const size_t *lens, int nparts);
/* Set by the interrupt handler; cleared by the poll. */
int uk_netdev_pending(const struct uk_netdev *nd);

#endif
