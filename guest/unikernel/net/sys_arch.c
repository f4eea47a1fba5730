/* What lwIP asks of an OS with NO_SYS 1: the time in milliseconds, randomness, assert. */
#include "lwip/sys.h"
#include "uk/console.h"
#include "uk/exit.h"
#include "uk/io.h"
#include "uk/time.h"

u32_t sys_now(void) { return uk_now_ms(); }

/* TCP's initial sequence numbers and local ports: the TSC's low bits, mixed (xorshift). */
uint32_t uk_random32(void)
{
    static uint64_t state;
    state ^= rdtsc();
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 16);
}

void uk_lwip_assert(const char *msg, const char *file, int line)
{
    uk_printf("unikernel: lwIP assertion \"%s\" failed at %s:%d\n", msg, file, line);
    uk_panic_exit();
}
