/*
 * Legacy virtio-net over PCI (virtio 0.9.5 / "transitional" device 1AF4:1000, I/O BAR 0),
 * as QEMU's virtio-net-pci presents it. Features: MAC only, so the net header is 10 bytes
 * and each frame fits one buffer. Receive queue 0, transmit queue 1, one descriptor each.
 */
#include "uk/netdev.h"
#include "uk/alloc.h"
#include "uk/io.h"
#include "uk/irq.h"
#include "uk/pci.h"

#include <stdio.h>
#include <string.h>

#define VIRTIO_VENDOR 0x1AF4
#define VIRTIO_NET_LEGACY 0x1000
#define VIO_DEVICE_FEATURES 0x00
#define VIO_GUEST_FEATURES 0x04
#define VIO_QUEUE_PFN 0x08
#define VIO_QUEUE_SIZE 0x0C
#define VIO_QUEUE_SELECT 0x0E
#define VIO_QUEUE_NOTIFY 0x10
#define VIO_STATUS 0x12
#define VIO_ISR 0x13
#define VIO_NET_MAC 0x14 /* device config without MSI-X */
#define STATUS_ACKNOWLEDGE 1
#define STATUS_DRIVER 2
#define STATUS_DRIVER_OK 4
#define STATUS_FAILED 128
#define VIRTIO_NET_F_MAC (1u << 5)
#define VRING_DESC_F_WRITE 2
#define VRING_AVAIL_F_NO_INTERRUPT 1
#define VRING_USED_F_NO_NOTIFY 1
#define VRING_ALIGN 4096
#define NET_HDR_LEN 10  /* struct virtio_net_hdr without MRG_RXBUF */
#define BUF_SIZE 2048   /* header plus a 1514-byte frame */
#define FRAME_MAX (BUF_SIZE - NET_HDR_LEN)
#define RX_QUEUE 0
#define TX_QUEUE 1

struct vring_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct vring_used_elem {
    uint32_t id;
    uint32_t len;
};

struct queue {
    uint16_t size;
    uint16_t index;
    struct vring_desc *desc;
    volatile uint16_t *avail_flags, *avail_idx, *avail_ring;
    volatile uint16_t *used_flags, *used_idx;
    volatile struct vring_used_elem *used_ring;
    uint16_t last_used;
    unsigned char *buffers;
    uint16_t *free_ids; /* transmit: descriptors not in flight */
    uint16_t nfree;
};

struct uk_netdev {
    uint16_t io;
    uint8_t mac[6];
    struct queue rx, tx;
    volatile int pending;
};

static struct uk_netdev device;

static void interrupt(void *arg)
{
    struct uk_netdev *nd = arg;
    (void)inb((uint16_t)(nd->io + VIO_ISR)); /* reading it de-asserts the level-triggered line */
    nd->pending = 1;
}

static int queue_setup(struct uk_netdev *nd, struct queue *q, uint16_t index, char *err, size_t errlen)
{
    outw((uint16_t)(nd->io + VIO_QUEUE_SELECT), index);
    q->size = inw((uint16_t)(nd->io + VIO_QUEUE_SIZE));
    q->index = index;
    if (q->size == 0) {
        snprintf(err, errlen, "virtio-net queue %u does not exist", index);
        return -1;
    }
    size_t desc_bytes = 16u * q->size;
    size_t avail_bytes = 6u + 2u * q->size;
    size_t used_off = (desc_bytes + avail_bytes + VRING_ALIGN - 1) & ~(size_t)(VRING_ALIGN - 1);
    size_t used_bytes = 6u + 8u * q->size;
    unsigned char *ring = uk_alloc_pages(used_off + used_bytes);
    memset(ring, 0, used_off + used_bytes);
    q->desc = (struct vring_desc *)ring;
    q->avail_flags = (volatile uint16_t *)(ring + desc_bytes);
    q->avail_idx = q->avail_flags + 1;
    q->avail_ring = q->avail_flags + 2;
    q->used_flags = (volatile uint16_t *)(ring + used_off);
    q->used_idx = q->used_flags + 1;
    q->used_ring = (volatile struct vring_used_elem *)(ring + used_off + 4);
    q->buffers = uk_alloc_pages((size_t)BUF_SIZE * q->size);
    for (uint16_t i = 0; i < q->size; i++) {
        q->desc[i].addr = (uint64_t)(uintptr_t)(q->buffers + (size_t)i * BUF_SIZE);
        q->desc[i].len = BUF_SIZE;
    }
    outl((uint16_t)(nd->io + VIO_QUEUE_PFN), (uint32_t)((uintptr_t)ring / VRING_ALIGN));
    return 0;
}

static void notify(struct uk_netdev *nd, struct queue *q)
{
    compiler_barrier();
    if (!(*q->used_flags & VRING_USED_F_NO_NOTIFY))
        outw((uint16_t)(nd->io + VIO_QUEUE_NOTIFY), q->index);
}

struct uk_netdev *uk_netdev_open(char *err, size_t errlen)
{
    struct uk_pci_dev pci;
    if (uk_pci_find(VIRTIO_VENDOR, VIRTIO_NET_LEGACY, &pci) != 0) {
        snprintf(err, errlen, "no virtio-net NIC (PCI %04x:%04x)", VIRTIO_VENDOR, VIRTIO_NET_LEGACY);
        return NULL;
    }
    uintptr_t io = uk_pci_bar(&pci, 0);
    if (io == 0 || io > 0xFFFF) {
        snprintf(err, errlen, "virtio-net BAR 0 is not an I/O port range");
        return NULL;
    }
    struct uk_netdev *nd = &device;
    nd->io = (uint16_t)io;
    uk_pci_enable(&pci);
    outb((uint16_t)(nd->io + VIO_STATUS), 0); /* reset */
    outb((uint16_t)(nd->io + VIO_STATUS), STATUS_ACKNOWLEDGE | STATUS_DRIVER);
    uint32_t features = inl((uint16_t)(nd->io + VIO_DEVICE_FEATURES));
    outl((uint16_t)(nd->io + VIO_GUEST_FEATURES), features & VIRTIO_NET_F_MAC);
    if (queue_setup(nd, &nd->rx, RX_QUEUE, err, errlen) != 0 || queue_setup(nd, &nd->tx, TX_QUEUE, err, errlen) != 0) {
        outb((uint16_t)(nd->io + VIO_STATUS), STATUS_FAILED);
        return NULL;
    }
    for (int i = 0; i < 6; i++)
        nd->mac[i] = inb((uint16_t)(nd->io + VIO_NET_MAC + i));

    struct queue *rx = &nd->rx;
    for (uint16_t i = 0; i < rx->size; i++) {
        rx->desc[i].flags = VRING_DESC_F_WRITE;
        rx->avail_ring[i] = i;
    }
    *rx->avail_idx = rx->size;

    struct queue *tx = &nd->tx;
    tx->free_ids = uk_alloc_pages(sizeof(uint16_t) * tx->size);
    for (uint16_t i = 0; i < tx->size; i++)
        tx->free_ids[i] = i;
    tx->nfree = tx->size;
    *tx->avail_flags = VRING_AVAIL_F_NO_INTERRUPT; /* finished frames are reclaimed when sending */

    int irq = uk_pci_irq(&pci);
    if (irq < 0 || irq > 15) {
        snprintf(err, errlen, "virtio-net has no usable interrupt line (%d)", irq);
        return NULL;
    }
    uk_irq_attach((unsigned)irq, interrupt, nd);
    outb((uint16_t)(nd->io + VIO_STATUS), STATUS_ACKNOWLEDGE | STATUS_DRIVER | STATUS_DRIVER_OK);
    notify(nd, rx);
    return nd;
}

void uk_netdev_mac(const struct uk_netdev *nd, uint8_t mac[6]) { memcpy(mac, nd->mac, 6); }

int uk_netdev_pending(const struct uk_netdev *nd) { return nd->pending; }

int uk_netdev_poll(struct uk_netdev *nd, uk_netdev_rx rx_fn, void *arg)
{
    struct queue *rx = &nd->rx;
    int n = 0;
    nd->pending = 0;
    while (rx->last_used != *rx->used_idx) {
        compiler_barrier();
        volatile struct vring_used_elem *e = &rx->used_ring[rx->last_used % rx->size];
        uint16_t id = (uint16_t)e->id;
        uint32_t len = e->len;
        if (len > NET_HDR_LEN && len <= BUF_SIZE)
            rx_fn(arg, rx->buffers + (size_t)id * BUF_SIZE + NET_HDR_LEN, len - NET_HDR_LEN);
        rx->avail_ring[*rx->avail_idx % rx->size] = id;
        compiler_barrier();
        (*rx->avail_idx)++;
        rx->last_used++;
        n++;
    }
    if (n > 0)
        notify(nd, rx);
    return n;
}

static void reclaim(struct queue *tx)
{
    while (tx->last_used != *tx->used_idx) {
        compiler_barrier();
        tx->free_ids[tx->nfree++] = (uint16_t)tx->used_ring[tx->last_used % tx->size].id;
        tx->last_used++;
    }
}

int uk_netdev_send(struct uk_netdev *nd, const void *const *parts, const size_t *lens, int nparts)
{
    struct queue *tx = &nd->tx;
    reclaim(tx);
    if (tx->nfree == 0)
        return -1;
    uint16_t id = tx->free_ids[--tx->nfree];
    unsigned char *buf = tx->buffers + (size_t)id * BUF_SIZE;
    memset(buf, 0, NET_HDR_LEN);
    size_t len = 0;
    for (int i = 0; i < nparts; i++) {
        if (lens[i] > FRAME_MAX - len) {
            tx->free_ids[tx->nfree++] = id;
            return -1;
        }
        memcpy(buf + NET_HDR_LEN + len, parts[i], lens[i]);
        len += lens[i];
    }
    tx->desc[id].len = (uint32_t)(NET_HDR_LEN + len);
    tx->desc[id].flags = 0;
    tx->avail_ring[*tx->avail_idx % tx->size] = id;
    compiler_barrier();
    (*tx->avail_idx)++;
    notify(nd, tx);
    return 0;
}
