/* What the PVH loader handed over, and where our heap may live. */
#ifndef UK_BOOT_H
#define UK_BOOT_H

#include <stddef.h>
#include <stdint.h>

struct uk_boot_info {
    const char *cmdline;  /* "" when none */
    const void *initrd;   /* first PVH module (QEMU's -initrd), NULL when none */
    size_t initrd_size;
    uintptr_t heap_start; /* free RAM after the image, below the initrd */
    uintptr_t heap_end;
    size_t ram_bytes;     /* RAM below 4 GiB according to the memory map */
    size_t image_bytes;   /* the kernel's own memory image (text, data, bss) */
    uint64_t boot_tsc;    /* TSC at the PVH entry */
};

/* Reads struct hvm_start_info; a bad magic is fatal. */
void uk_boot_info_read(struct uk_boot_info *out);

/* The application's entry point, called with the console, interrupts and timer ready. */
int uk_main(const struct uk_boot_info *boot);

#endif
