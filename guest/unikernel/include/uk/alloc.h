/* A tiny allocator: power-of-two size classes with free lists over a bump region. */
#ifndef UK_ALLOC_H
#define UK_ALLOC_H

#include <stddef.h>
#include <stdint.h>

void uk_alloc_init(uintptr_t start, uintptr_t end);
/* NULL when the heap is exhausted. */
void *uk_malloc(size_t size);
void *uk_calloc(size_t n, size_t size);
void uk_free(void *p);
/* Page-aligned, never freed, not zeroed (a byte loop is slow under TCG): device rings and
 * buffers. Out of memory is fatal. */
void *uk_alloc_pages(size_t bytes);
size_t uk_alloc_used(void);

#endif
