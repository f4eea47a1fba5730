/* Interrupts: IDT, legacy PIC (through the local APIC's LINT0), local APIC. */
#ifndef UK_IRQ_H
#define UK_IRQ_H

#include <stdint.h>

#define UK_IRQ_VECTOR_BASE 0x20  /* PIC IRQ n arrives on vector 0x20 + n */
#define UK_TIMER_VECTOR 0x40
#define UK_SPURIOUS_VECTOR 0xFF

typedef void (*uk_irq_handler)(void *arg);

void uk_idt_init(void);
void uk_pic_init(void);
void uk_lapic_init(void);
/* Unmasks PIC line irq as level-triggered (PCI and ACPI SCI), calling handler in interrupt context. */
void uk_irq_attach(unsigned irq, uk_irq_handler handler, void *arg);
void uk_lapic_eoi(void);

/*
 * Work happens with interrupts off; only the halt opens them. Returns after at least one
 * interrupt ran (or at once when one is pending): handlers only set flags that the main
 * loop reads, so neither the red zone of musl's code nor SSE state is ever interrupted.
 */
void uk_wait_for_interrupt(void);

#endif
