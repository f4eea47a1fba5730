/*
 * Read-only access to a cpio archive in memory, "newc" format (magic 070701, as written by
 * `cpio -H newc` and the Linux initramfs tools): how files reach this unikernel (-initrd).
 */
#ifndef UK_CPIO_H
#define UK_CPIO_H

#include <stddef.h>

#define UK_CPIO_MODE_TYPE 0170000
#define UK_CPIO_MODE_DIR 0040000
#define UK_CPIO_MODE_FILE 0100000

struct uk_cpio_entry {
    const char *name; /* without leading "./" or "/"; not NUL-terminated: see namelen */
    size_t namelen;
    const void *data;
    size_t size;
    unsigned mode;
};

struct uk_cpio {
    const unsigned char *base;
    size_t len;
};

/*
 * The entry at *offset, advancing *offset past it. Returns 1 for an entry, 0 at the trailer
 * (or the end of the archive), -1 when the archive is malformed or truncated there.
 */
int uk_cpio_next(const struct uk_cpio *a, size_t *offset, struct uk_cpio_entry *e);

/* Looks up a path (no leading '/'); 0 when found, -1 otherwise. Malformed archives find nothing. */
int uk_cpio_find(const struct uk_cpio *a, const char *path, size_t pathlen, struct uk_cpio_entry *e);

/* 1 when path names a directory: an entry of that type, or an entry under "path/". */
int uk_cpio_is_dir(const struct uk_cpio *a, const char *path, size_t pathlen);

/* Counts files and their bytes; -1 when malformed. */
int uk_cpio_stats(const struct uk_cpio *a, size_t *files, size_t *bytes);

#endif
