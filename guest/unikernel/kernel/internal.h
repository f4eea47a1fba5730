/* What the kernel's files share among themselves and with boot.S and isr.S; not for applications. */
#ifndef UK_KERNEL_INTERNAL_H
#define UK_KERNEL_INTERNAL_H

#include <stdint.h>

/* boot.S */
extern uint32_t uk_pvh_info;  /* physical address of struct hvm_start_info */
extern uint64_t uk_boot_tsc;  /* TSC at the PVH entry */
void uk_start(void);

/* pic.c */
extern uintptr_t uk_lapic_base;
void uk_pic_unmask_level(unsigned irq);
void uk_pic_eoi(unsigned irq);
int uk_pic_spurious(unsigned irq);

/* time.c */
void uk_timer_interrupt(void);

#endif
