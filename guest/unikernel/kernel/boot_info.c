/* struct hvm_start_info of Xen's PVH ABI (xen/include/public/arch-x86/hvm/start_info.h). */
#include "uk/boot.h"
#include "uk/exit.h"
#include "internal.h"

#define HVM_START_MAGIC 0x336ec578
#define E820_RAM 1
#define PAGE 4096u

struct hvm_start_info {
    uint32_t magic;
    uint32_t version;
    uint32_t flags;
    uint32_t nr_modules;
    uint64_t modlist_paddr;
    uint64_t cmdline_paddr;
    uint64_t rsdp_paddr;
    uint64_t memmap_paddr; /* version 1 */
    uint32_t memmap_entries;
    uint32_t reserved;
};

struct hvm_modlist_entry {
    uint64_t paddr;
    uint64_t size;
    uint64_t cmdline_paddr;
    uint64_t reserved;
};

struct hvm_memmap_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
    uint32_t reserved;
};

extern char _start_image[], _end_image[];

static uintptr_t align_up(uintptr_t v) { return (v + PAGE - 1) & ~(uintptr_t)(PAGE - 1); }

void uk_boot_info_read(struct uk_boot_info *out)
{
    const struct hvm_start_info *si = (const struct hvm_start_info *)(uintptr_t)uk_pvh_info;
    if (si == 0 || si->magic != HVM_START_MAGIC)
        uk_fatal(UK_EXIT_FATAL, "unikernel: not started through PVH (no hvm_start_info)");
    out->cmdline = si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : "";
    out->initrd = 0;
    out->initrd_size = 0;
    if (si->nr_modules > 0 && si->modlist_paddr) {
        const struct hvm_modlist_entry *m = (const struct hvm_modlist_entry *)(uintptr_t)si->modlist_paddr;
        out->initrd = (const void *)(uintptr_t)m->paddr;
        out->initrd_size = m->size;
    }
    out->boot_tsc = uk_boot_tsc;
    out->image_bytes = (size_t)(_end_image - _start_image);

    /* The heap: the RAM region that holds the image, from its end up to the initrd (QEMU puts
     * that at the top of low RAM) or the region's end. */
    uintptr_t start = align_up((uintptr_t)_end_image), end = 0;
    out->ram_bytes = 0;
    if (si->version >= 1 && si->memmap_paddr) {
        const struct hvm_memmap_entry *e = (const struct hvm_memmap_entry *)(uintptr_t)si->memmap_paddr;
        for (uint32_t i = 0; i < si->memmap_entries; i++) {
            if (e[i].type != E820_RAM)
                continue;
            out->ram_bytes += e[i].size;
            if (e[i].addr <= start && e[i].addr + e[i].size > start)
                end = (uintptr_t)(e[i].addr + e[i].size);
        }
    }
    if (end == 0)
        uk_fatal(UK_EXIT_FATAL, "unikernel: no RAM after the kernel image in the PVH memory map");
    uintptr_t initrd = (uintptr_t)out->initrd;
    if (initrd > start && initrd < end)
        end = initrd & ~(uintptr_t)(PAGE - 1);
    out->heap_start = start;
    out->heap_end = end;
}
