/* How the guest ends: every exit is a QEMU exit status the runner maps to the container's. */
#ifndef UK_EXIT_H
#define UK_EXIT_H

/* Exit statuses of the guest, as the Linux guests' init uses them. */
#define UK_EXIT_CONFIG 2 /* bad configuration: the runner's KVM probe expects this one */
#define UK_EXIT_FATAL 3  /* no NIC, out of memory, broken boot information */

/* isa-debug-exit (port 0xf4 in the runner): QEMU exits with (status << 1) | 1. */
void uk_exit(int status) __attribute__((noreturn));
/* Prints "httpd: <message>" on one line, then uk_exit(status). */
void uk_fatal(int status, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
/* ACPI S5 through the PIIX4 power-management block: QEMU exits with status 0. */
void uk_poweroff(void) __attribute__((noreturn));
/* pvpanic (QEMU then exits non-zero: -action panic=exit-failure); isa-debug-exit without it. */
void uk_panic_exit(void) __attribute__((noreturn));

#endif
