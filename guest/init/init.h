/*
 * What init's parts (init.c, net.c, supervise.c) share: the console line, the way out on a
 * configuration error, and the clock. Defined in init.c.
 */
#ifndef INIT_H
#define INIT_H

/* "init: ..." and a newline on the console */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "init: FATAL: ..." on the console, then out of the VM with status 2 (a configuration error) */
void __attribute__((noreturn)) fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

long now_ms(void);
void sleep_ms(long ms);
/* waits (briefly) for a device node or interface that the kernel is still probing */
int wait_for(int (*present)(const char *), const char *what, long ms);
int if_present(const char *ifname);

#endif
