/*
 * The 8259 pair and the local APIC. The firmware (qboot) leaves LINT0 masked, so the PIC's
 * interrupts reach the CPU only once LVT0 is set to ExtINT.
 */
#include "uk/io.h"
#include "uk/irq.h"
#include "internal.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20
#define PIC_READ_ISR 0x0B
#define PIC_CASCADE_IRQ 2
#define ELCR1 0x4D0 /* edge/level control, PIIX3 */
#define ELCR2 0x4D1

#define MSR_APIC_BASE 0x1B
#define APIC_BASE_ENABLE (1u << 11)
#define LAPIC_TPR 0x80
#define LAPIC_EOI 0xB0
#define LAPIC_SVR 0xF0
#define LAPIC_SVR_ENABLE 0x100
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_LVT_ERROR 0x370
#define LVT_EXTINT 0x700
#define LVT_NMI 0x400
#define LVT_MASKED 0x10000

uintptr_t uk_lapic_base;

void uk_pic_init(void)
{
    outb(PIC1_CMD, 0x11); /* ICW1: init, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, UK_IRQ_VECTOR_BASE);
    outb(PIC2_DATA, UK_IRQ_VECTOR_BASE + 8);
    outb(PIC1_DATA, 1 << PIC_CASCADE_IRQ);
    outb(PIC2_DATA, PIC_CASCADE_IRQ);
    outb(PIC1_DATA, 0x01); /* 8086 mode */
    outb(PIC2_DATA, 0x01);
    outb(PIC1_DATA, (uint8_t)~(1 << PIC_CASCADE_IRQ));
    outb(PIC2_DATA, 0xFF);
}

void uk_pic_unmask_level(unsigned irq)
{
    uint16_t elcr = irq < 8 ? ELCR1 : ELCR2;
    uint16_t data = irq < 8 ? PIC1_DATA : PIC2_DATA;
    uint8_t bit = (uint8_t)(1u << (irq & 7));
    outb(elcr, inb(elcr) | bit);
    outb(data, inb(data) & (uint8_t)~bit);
}

void uk_pic_eoi(unsigned irq)
{
    if (irq >= 8)
        outb(PIC2_CMD, PIC_EOI);
    outb(PIC1_CMD, PIC_EOI);
}

/* IRQ 7 and 15 also arrive when a line drops before the CPU acknowledged it. */
int uk_pic_spurious(unsigned irq)
{
    if (irq != 7 && irq != 15)
        return 0;
    uint16_t cmd = irq == 7 ? PIC1_CMD : PIC2_CMD;
    outb(cmd, PIC_READ_ISR);
    if (inb(cmd) & 0x80)
        return 0;
    if (irq == 15)
        outb(PIC1_CMD, PIC_EOI); /* the master saw a real cascade interrupt */
    return 1;
}

void uk_lapic_init(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);
    wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    uk_lapic_base = (uintptr_t)(base & ~0xFFFull);
    mmio_write32(uk_lapic_base + LAPIC_TPR, 0);
    mmio_write32(uk_lapic_base + LAPIC_SVR, LAPIC_SVR_ENABLE | UK_SPURIOUS_VECTOR);
    mmio_write32(uk_lapic_base + LAPIC_LVT_LINT0, LVT_EXTINT);
    mmio_write32(uk_lapic_base + LAPIC_LVT_LINT1, LVT_NMI);
    mmio_write32(uk_lapic_base + LAPIC_LVT_ERROR, LVT_MASKED);
}

void uk_lapic_eoi(void)
{
    mmio_write32(uk_lapic_base + LAPIC_EOI, 0);
}
