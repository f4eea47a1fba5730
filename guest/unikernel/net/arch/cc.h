/* lwIP's compiler and platform glue for the unikernel (lwIP doc: "sys_arch.txt"). */
#ifndef UK_LWIP_ARCH_CC_H
#define UK_LWIP_ARCH_CC_H

#include <stdint.h>

void uk_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void uk_lwip_assert(const char *msg, const char *file, int line) __attribute__((noreturn));
uint32_t uk_random32(void);

#define LWIP_PLATFORM_DIAG(x) \
    do {                      \
        uk_printf x;          \
    } while (0)
#define LWIP_PLATFORM_ASSERT(x) uk_lwip_assert((x), __FILE__, __LINE__)
#define LWIP_RAND() uk_random32()

#endif
