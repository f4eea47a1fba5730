/* The guest's ways out: isa-debug-exit with a status, pvpanic after a CPU exception. */
#include "uk/exit.h"
#include "uk/console.h"
#include "uk/io.h"
#include "uk/pci.h"

#include <stdarg.h>
#include <stdio.h>

#define ISA_DEBUG_EXIT_PORT 0xF4  /* -device isa-debug-exit,iobase=0xf4 in the runner */
#define PVPANIC_VENDOR 0x1B36     /* QEMU's pvpanic-pci (docs/specs/pvpanic.rst) */
#define PVPANIC_DEVICE 0x0011
#define PVPANIC_PANICKED 0x1

static void halt_forever(void)
{
    for (;;)
        __asm__ volatile("cli; hlt");
}

void uk_exit(int status)
{
    outb(ISA_DEBUG_EXIT_PORT, (uint8_t)status);
    halt_forever();
    __builtin_unreachable();
}

void uk_fatal(int status, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    if ((size_t)n > sizeof buf - 2)
        n = sizeof buf - 2;
    buf[n++] = '\n';
    uk_console_write(buf, (size_t)n);
    uk_exit(status);
}

void uk_panic_exit(void)
{
    struct uk_pci_dev d;
    if (uk_pci_find(PVPANIC_VENDOR, PVPANIC_DEVICE, &d) == 0) {
        uintptr_t bar = uk_pci_bar(&d, 0);
        if (bar != 0) {
            uk_pci_enable(&d);
            mmio_write8(bar, PVPANIC_PANICKED);
        }
    }
    uk_exit(UK_EXIT_FATAL);
}
