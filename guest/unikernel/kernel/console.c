/* COM1 at 115200 8N1: the runner gives QEMU -serial stdio, so this is the container's stdout. */
#include "uk/console.h"
#include "uk/io.h"

#include <stdarg.h>
#include <stdio.h>

#define COM1 0x3F8
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define PRINTF_BUFFER 1024

static void put_raw(char c)
{
    while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
        ;
    outb(COM1, (uint8_t)c);
}

void uk_console_init(void)
{
    outb(COM1 + 1, 0x00); /* no UART interrupts: output is polled */
    outb(COM1 + 3, 0x80); /* DLAB: divisor follows */
    outb(COM1 + 0, 0x01); /* 115200 baud */
    outb(COM1 + 1, 0x00);
    outb(COM1 + 3, 0x03); /* 8N1 */
    outb(COM1 + 2, 0xC7); /* FIFO on, cleared */
    outb(COM1 + 4, 0x03); /* DTR, RTS */
}

void uk_console_write(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '\n')
            put_raw('\r'); /* a terminal attached to the console expects CR LF */
        put_raw(s[i]);
    }
}

void uk_console_puts(const char *s)
{
    while (*s) {
        if (*s == '\n')
            put_raw('\r');
        put_raw(*s++);
    }
}

void uk_console_hex(unsigned long v)
{
    static const char digits[] = "0123456789abcdef";
    put_raw('0');
    put_raw('x');
    for (int shift = 60; shift >= 0; shift -= 4)
        put_raw(digits[(v >> shift) & 0xF]);
}

void uk_printf(const char *fmt, ...)
{
    char buf[PRINTF_BUFFER];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    uk_console_write(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}
