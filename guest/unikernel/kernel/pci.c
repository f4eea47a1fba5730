/* PCI configuration mechanism #1 on bus 0 (QEMU's -M pc has one bus). */
#include "uk/pci.h"
#include "uk/io.h"

#define PCI_ADDR 0xCF8
#define PCI_DATA 0xCFC
#define PCI_COMMAND 0x04
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MEMORY 0x2
#define PCI_COMMAND_MASTER 0x4
#define PCI_INTERRUPT_LINE 0x3C
#define PCI_INTERRUPT_PIN 0x3D
#define PCI_SLOTS 32
#define PIIX3_SLOT 1      /* 00:01.0, the ISA bridge of QEMU's i440FX */
#define PIIX3_PIRQ_ROUTE 0x60
#define PIRQ_DISABLED 0x80
#define PCI_BAR0 0x10
#define BAR_IO 0x1
#define BAR_MEM_TYPE 0x6        /* 0: 32-bit, 4: 64-bit */
#define IO_WINDOW 0xC000u       /* above the legacy ISA ports */
#define MEM_WINDOW 0xE0000000u  /* QEMU's PCI hole below the IOAPIC at 0xFEC00000 */

static uint32_t next_io = IO_WINDOW, next_mem = MEM_WINDOW;

static void select_reg(const struct uk_pci_dev *d, uint8_t reg)
{
    outl(PCI_ADDR, 0x80000000u | ((uint32_t)d->bus << 16) | ((uint32_t)d->slot << 11) |
                       ((uint32_t)d->func << 8) | (reg & 0xFCu));
}

uint32_t uk_pci_read32(const struct uk_pci_dev *d, uint8_t reg)
{
    select_reg(d, reg);
    return inl(PCI_DATA);
}

uint16_t uk_pci_read16(const struct uk_pci_dev *d, uint8_t reg)
{
    select_reg(d, reg);
    return inw((uint16_t)(PCI_DATA + (reg & 2)));
}

uint8_t uk_pci_read8(const struct uk_pci_dev *d, uint8_t reg)
{
    select_reg(d, reg);
    return inb((uint16_t)(PCI_DATA + (reg & 3)));
}

void uk_pci_write32(const struct uk_pci_dev *d, uint8_t reg, uint32_t v)
{
    select_reg(d, reg);
    outl(PCI_DATA, v);
}

void uk_pci_write16(const struct uk_pci_dev *d, uint8_t reg, uint16_t v)
{
    select_reg(d, reg);
    outw((uint16_t)(PCI_DATA + (reg & 2)), v);
}

void uk_pci_write8(const struct uk_pci_dev *d, uint8_t reg, uint8_t v)
{
    select_reg(d, reg);
    outb((uint16_t)(PCI_DATA + (reg & 3)), v);
}

int uk_pci_find(uint16_t vendor, uint16_t device, struct uk_pci_dev *out)
{
    for (uint8_t slot = 0; slot < PCI_SLOTS; slot++) {
        for (uint8_t func = 0; func < 8; func++) {
            struct uk_pci_dev d = {0, slot, func, 0, 0};
            uint32_t id = uk_pci_read32(&d, 0);
            if ((id & 0xFFFF) == 0xFFFF) {
                if (func == 0)
                    break;
                continue;
            }
            if ((id & 0xFFFF) == vendor && (id >> 16) == device) {
                d.vendor = vendor;
                d.device = device;
                *out = d;
                return 0;
            }
        }
    }
    return -1;
}

int uk_pci_irq(const struct uk_pci_dev *d)
{
    uint8_t pin = uk_pci_read8(d, PCI_INTERRUPT_PIN);
    if (pin == 0)
        return -1;
    /* QEMU's piix3 swizzle (hw/isa/piix3.c): PIRQ = (pin - 1 + slot - 1) & 3 */
    struct uk_pci_dev bridge = {0, PIIX3_SLOT, 0, 0, 0};
    uint8_t route = uk_pci_read8(&bridge, (uint8_t)(PIIX3_PIRQ_ROUTE + ((pin - 1 + d->slot - 1) & 3)));
    if (route & PIRQ_DISABLED)
        return uk_pci_read8(d, PCI_INTERRUPT_LINE);
    return route & 0x0F;
}

uintptr_t uk_pci_bar(const struct uk_pci_dev *d, int index)
{
    uint8_t reg = (uint8_t)(PCI_BAR0 + 4 * index);
    uint32_t bar = uk_pci_read32(d, reg);
    int io = bar & BAR_IO;
    uint32_t mask = io ? ~3u : ~0xFu;
    if ((bar & mask) != 0)
        return bar & mask;
    uk_pci_write32(d, reg, 0xFFFFFFFFu);
    uint32_t probe = uk_pci_read32(d, reg) & mask;
    if (io)
        probe |= 0xFFFF0000u; /* I/O BARs may implement only 16 bits */
    uint32_t size = ~probe + 1;
    if (probe == 0 || (!io && (bar & BAR_MEM_TYPE) != 0)) {
        uk_pci_write32(d, reg, bar);
        return 0; /* absent, or a 64-bit BAR: not needed here */
    }
    uint32_t *next = io ? &next_io : &next_mem;
    uint32_t addr = (*next + size - 1) & ~(size - 1);
    *next = addr + size;
    uk_pci_write32(d, reg, addr | (bar & ~mask));
    return addr;
}

void uk_pci_enable(const struct uk_pci_dev *d)
{
    uint16_t cmd = uk_pci_read16(d, PCI_COMMAND);
    uk_pci_write16(d, PCI_COMMAND, cmd | PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
}
