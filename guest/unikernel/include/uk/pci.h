/* PCI configuration space through ports 0xCF8/0xCFC (mechanism #1), bus 0 only. */
#ifndef UK_PCI_H
#define UK_PCI_H

#include <stdint.h>

struct uk_pci_dev {
    uint8_t bus, slot, func;
    uint16_t vendor, device;
};

uint32_t uk_pci_read32(const struct uk_pci_dev *d, uint8_t reg);
uint16_t uk_pci_read16(const struct uk_pci_dev *d, uint8_t reg);
uint8_t uk_pci_read8(const struct uk_pci_dev *d, uint8_t reg);
void uk_pci_write16(const struct uk_pci_dev *d, uint8_t reg, uint16_t v);
void uk_pci_write32(const struct uk_pci_dev *d, uint8_t reg, uint32_t v);
void uk_pci_write8(const struct uk_pci_dev *d, uint8_t reg, uint8_t v);
/* First function with this vendor and device id; 0 when found. */
int uk_pci_find(uint16_t vendor, uint16_t device, struct uk_pci_dev *out);
/* The ISA IRQ of INTx from the PIIX3's PIRQ routing (the firmware's interrupt line can be wrong). */
int uk_pci_irq(const struct uk_pci_dev *d);
/*
 * The address of BAR index (I/O port or 32-bit memory). qboot assigns none, so an unassigned
 * BAR gets one here: I/O ports from 0xC000, memory from 0xE0000000 (the i440FX PCI hole).
 * 0 when the BAR does not exist.
 */
uintptr_t uk_pci_bar(const struct uk_pci_dev *d, int index);
/* Turns on I/O and memory decoding and bus mastering. */
void uk_pci_enable(const struct uk_pci_dev *d);

#endif
