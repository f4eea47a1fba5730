/*
 * A tiny allocator for a single-threaded guest: blocks of power-of-two sizes, each class with
 * its own free list, carved from one bump region. No coalescing: the server allocates a few
 * fixed sizes (connections) over and over, which this serves in constant time.
 */
#include "uk/alloc.h"
#include "uk/exit.h"

#include <string.h>

#define MIN_CLASS 4  /* 16 bytes */
#define MAX_CLASS 24 /* 16 MiB */
#define HEADER 16    /* keeps the payload 16-byte aligned */
#define PAGE 4096u

struct block {
    struct block *next;
};

static uintptr_t bump, limit;
static struct block *free_lists[MAX_CLASS + 1];
static size_t used;

void uk_alloc_init(uintptr_t start, uintptr_t end)
{
    bump = start;
    limit = end;
}

static unsigned class_of(size_t size)
{
    unsigned c = MIN_CLASS;
    while (((size_t)1 << c) < size + HEADER)
        c++;
    return c;
}

void *uk_malloc(size_t size)
{
    if (size > ((size_t)1 << MAX_CLASS) - HEADER)
        return NULL;
    unsigned c = class_of(size);
    unsigned char *p;
    if (free_lists[c]) {
        p = (unsigned char *)free_lists[c];
        free_lists[c] = free_lists[c]->next;
    } else {
        size_t bytes = (size_t)1 << c;
        if (limit - bump < bytes)
            return NULL;
        p = (unsigned char *)bump;
        bump += bytes;
    }
    *(unsigned *)p = c;
    used += (size_t)1 << c;
    return p + HEADER;
}

void *uk_calloc(size_t n, size_t size)
{
    if (size != 0 && n > (size_t)-1 / size)
        return NULL;
    void *p = uk_malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

void uk_free(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *p = (unsigned char *)ptr - HEADER;
    unsigned c = *(unsigned *)p;
    used -= (size_t)1 << c;
    struct block *b = (struct block *)p;
    b->next = free_lists[c];
    free_lists[c] = b;
}

void *uk_alloc_pages(size_t bytes)
{
    uintptr_t start = (bump + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    bytes = (bytes + PAGE - 1) & ~(size_t)(PAGE - 1);
    if (start > limit || limit - start < bytes)
        uk_fatal(UK_EXIT_FATAL, "unikernel: out of memory (%zu bytes of pages wanted, %zu KiB free)",
                 bytes, (size_t)(limit - bump) / 1024);
    bump = start + bytes;
    used += bytes;
    return (void *)start;
}

size_t uk_alloc_used(void) { return used; }
