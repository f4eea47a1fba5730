/* The serial console (COM1): the guest's only output, which the container's stdout carries. */
#ifndef UK_CONSOLE_H
#define UK_CONSOLE_H

#include <stddef.h>

void uk_console_init(void);
void uk_console_write(const char *s, size_t len);
/* printf to the console, through musl's vsnprintf; not for interrupt handlers. */
void uk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Register-only output for interrupt and exception context. */
void uk_console_puts(const char *s);
void uk_console_hex(unsigned long v);

#endif
