/* The IDT and the one C entry of every interrupt and exception. */
#include "uk/console.h"
#include "uk/exit.h"
#include "uk/io.h"
#include "uk/irq.h"
#include "internal.h"

#include <stdint.h>

#define IDT_ENTRIES 256
#define GATE_INTERRUPT 0x8E /* present, ring 0, 64-bit interrupt gate */
#define KERNEL_CS 0x08      /* boot.S's GDT */
#define PIC_LINES 16

struct uk_trap_frame {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    uint64_t vector, error;
    uint64_t rip, cs, rflags, rsp, ss;
};

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

struct isr_entry {
    int64_t vector;
    uint64_t stub;
};

extern const struct isr_entry uk_isr_table[];
void uk_trap(struct uk_trap_frame *f);

static struct idt_gate idt[IDT_ENTRIES] __attribute__((aligned(16)));
static struct {
    uk_irq_handler fn;
    void *arg;
} handlers[PIC_LINES];

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
    "device not available", "double fault", "coprocessor segment", "invalid TSS", "segment not present",
    "stack fault", "general protection", "page fault", "reserved", "x87 error", "alignment check",
    "machine check", "SIMD error", "virtualisation", "control protection",
};

void uk_idt_init(void)
{
    for (const struct isr_entry *e = uk_isr_table; e->vector >= 0; e++) {
        struct idt_gate *g = &idt[e->vector];
        g->offset_low = (uint16_t)e->stub;
        g->selector = KERNEL_CS;
        g->ist = 0;
        g->type = GATE_INTERRUPT;
        g->offset_mid = (uint16_t)(e->stub >> 16);
        g->offset_high = (uint32_t)(e->stub >> 32);
    }
    struct {
        uint16_t limit;
        uint64_t base;
    } __attribute__((packed)) idtr = {sizeof idt - 1, (uint64_t)(uintptr_t)idt};
    __asm__ volatile("lidt %0" : : "m"(idtr));
}

void uk_irq_attach(unsigned irq, uk_irq_handler fn, void *arg)
{
    if (irq >= PIC_LINES)
        uk_fatal(UK_EXIT_FATAL, "unikernel: IRQ %u is not a PIC line", irq);
    handlers[irq].fn = fn;
    handlers[irq].arg = arg;
    uk_pic_unmask_level(irq);
}

static void reg(const char *name, uint64_t v)
{
    uk_console_puts(name);
    uk_console_hex(v);
}

static void report_exception(const struct uk_trap_frame *f)
{
    uint64_t cr2;
    __asm__ volatile("mov %%cr2, %0" : "=r"(cr2));
    uk_console_puts("\nunikernel: CPU exception ");
    uk_console_puts(exception_names[f->vector] ? exception_names[f->vector] : "reserved");
    reg(" vector ", f->vector);
    reg(" error ", f->error);
    reg("\n rip ", f->rip);
    reg(" rsp ", f->rsp);
    reg(" rflags ", f->rflags);
    reg(" cr2 ", cr2);
    reg("\n rax ", f->rax);
    reg(" rbx ", f->rbx);
    reg(" rcx ", f->rcx);
    reg(" rdx ", f->rdx);
    reg("\n rsi ", f->rsi);
    reg(" rdi ", f->rdi);
    reg(" rbp ", f->rbp);
    reg(" r8 ", f->r8);
    reg("\n r9 ", f->r9);
    reg(" r10 ", f->r10);
    reg(" r11 ", f->r11);
    reg(" r12 ", f->r12);
    reg("\n r13 ", f->r13);
    reg(" r14 ", f->r14);
    reg(" r15 ", f->r15);
    uk_console_puts("\n");
}

void uk_trap(struct uk_trap_frame *f)
{
    if (f->vector < 32) {
        report_exception(f);
        uk_panic_exit();
    }
    if (f->vector == UK_TIMER_VECTOR) {
        uk_timer_interrupt();
        uk_lapic_eoi();
        return;
    }
    if (f->vector == UK_SPURIOUS_VECTOR)
        return;
    unsigned irq = (unsigned)(f->vector - UK_IRQ_VECTOR_BASE);
    if (irq >= PIC_LINES || uk_pic_spurious(irq))
        return;
    if (handlers[irq].fn)
        handlers[irq].fn(handlers[irq].arg);
    uk_pic_eoi(irq);
}

void uk_wait_for_interrupt(void)
{
    /* sti takes effect after the next instruction: no interrupt slips in before the hlt. */
    __asm__ volatile("sti; hlt; cli" : : : "memory");
}
