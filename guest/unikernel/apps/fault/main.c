/*
 * unikernel/fault: a second application on the library OS, built only for its tests. It raises
 * the CPU exception that rc[0].argv[1] names, with known values in registers, so a test can prove
 * that the kernel's exception path prints the registers and exits through pvpanic, without a
 * backdoor in a production application.
 *
 *   rc: [{"bin": "/fault", "argv": ["invalid-opcode" | "divide-error" | "page-fault"]}]
 */
#include "uk/appconfig.h"
#include "uk/boot.h"
#include "uk/console.h"
#include "uk/exit.h"

#include <stdint.h>
#include <string.h>

#define PROGRAM "fault"
#define ERR_LEN 320

/* The tests look for these in the register dump. */
#define MARK_RAX 0xfa017ed0c0de0006UL
#define MARK_RBX 0x1badb002feedf00dUL
/* Above the 4 GiB boot.S identity-maps, canonical: a not-present page. */
#define UNMAPPED_ADDRESS 0x0000100000000000UL

static void invalid_opcode(void)
{
    __asm__ volatile("movabs %0, %%rax; movabs %1, %%rbx; ud2" : : "i"(MARK_RAX), "i"(MARK_RBX) : "rax", "rbx");
}

static void divide_error(void)
{
    /* divq by a zero register: rdx:rax stay what we loaded */
    __asm__ volatile("movabs %0, %%rax; movabs %1, %%rbx; xor %%edx, %%edx; xor %%ecx, %%ecx; divq %%rcx"
                     : : "i"(MARK_RAX), "i"(MARK_RBX) : "rax", "rbx", "rcx", "rdx");
}

static void page_fault(void)
{
    __asm__ volatile("movabs %0, %%rax; mov %1, %%rbx; movq (%%rbx), %%rcx"
                     : : "i"(MARK_RAX), "r"(UNMAPPED_ADDRESS) : "rax", "rbx", "rcx");
}

static const struct {
    const char *name;
    void (*raise)(void);
} faults[] = {
    {"invalid-opcode", invalid_opcode},
    {"divide-error", divide_error},
    {"page-fault", page_fault},
};

int uk_main(const struct uk_boot_info *boot)
{
    static struct uk_app_config cfg;
    char err[ERR_LEN];
    if (uk_app_config_read(boot->cmdline, PROGRAM, &cfg, err, sizeof err) != 0)
        uk_fatal(UK_EXIT_CONFIG, "fault: %s", err);
    if (cfg.argc != 2)
        uk_fatal(UK_EXIT_CONFIG, "fault: rc[0].argv must name one fault: invalid-opcode, divide-error or page-fault");
    for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++) {
        if (strcmp(cfg.argv[1], faults[i].name) == 0) {
            uk_printf("fault: raising %s\n", faults[i].name);
            faults[i].raise();
            uk_printf("fault: %s did not fault\n", faults[i].name);
            return UK_EXIT_FATAL;
        }
    }
    uk_fatal(UK_EXIT_CONFIG, "fault: unknown fault \"%s\": invalid-opcode, divide-error or page-fault", cfg.argv[1]);
}
