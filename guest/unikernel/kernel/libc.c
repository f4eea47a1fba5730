/*
 * The libc subset the guest needs beyond musl's pure functions (snprintf, strtol, string.h):
 * malloc and friends on our allocator, so musl's own malloc, which asks the kernel for memory
 * through system calls, is never linked; abort as a guest panic.
 */
#include "uk/alloc.h"
#include "uk/console.h"
#include "uk/exit.h"

#include <stdlib.h>
#include <string.h>

void *malloc(size_t size) { return uk_malloc(size); }

void *calloc(size_t n, size_t size) { return uk_calloc(n, size); }

void free(void *p) { uk_free(p); }

void abort(void)
{
    uk_console_puts("unikernel: abort()\n");
    uk_panic_exit();
}
