/* From the PVH entry (boot.S) to the application: CPU, console, heap, interrupts, time. */
#include "uk/acpi.h"
#include "uk/alloc.h"
#include "uk/boot.h"
#include "uk/console.h"
#include "uk/exit.h"
#include "uk/io.h"
#include "uk/irq.h"
#include "uk/time.h"
#include "internal.h"

#define MSR_FS_BASE 0xC0000100
#define THREAD_BLOCK 1024

/*
 * musl's code reaches its thread structure through %fs: errno (__errno_location) and the
 * stack-protector canary at %fs:0x28. One zeroed block whose first word points to itself is
 * the whole "thread" of this single-threaded guest.
 */
static uint64_t thread_block[THREAD_BLOCK / 8] __attribute__((aligned(64)));

void uk_start(void)
{
    thread_block[0] = (uint64_t)(uintptr_t)thread_block;
    wrmsr(MSR_FS_BASE, (uint64_t)(uintptr_t)thread_block);
    uk_console_init();
    uk_idt_init();
    struct uk_boot_info boot;
    uk_boot_info_read(&boot);
    uk_alloc_init(boot.heap_start, boot.heap_end);
    uk_time_init(boot.cmdline);
    uk_pic_init();
    uk_lapic_init();
    uk_timer_init();
    uk_acpi_init();
    int status = uk_main(&boot);
    if (status == 0)
        uk_poweroff();
    uk_exit(status);
}
