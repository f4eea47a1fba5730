#include "uk/cpio.h"

#include <string.h>

#define NEWC_MAGIC "070701"
#define NEWC_HEADER 110
#define NEWC_FIELD 8
#define FIELD_MODE 1 /* fields after the magic: ino, mode, uid, gid, nlink, mtime, filesize, ... */
#define FIELD_FILESIZE 6
#define FIELD_NAMESIZE 11
#define TRAILER "TRAILER!!!"

static int hex_field(const unsigned char *h, int index, size_t *out)
{
    const unsigned char *p = h + 6 + index * NEWC_FIELD;
    size_t v = 0;
    for (int i = 0; i < NEWC_FIELD; i++) {
        unsigned c = p[i], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return -1;
        v = v * 16 + d;
    }
    *out = v;
    return 0;
}

static size_t pad4(size_t v) { return (v + 3) & ~(size_t)3; }

int uk_cpio_next(const struct uk_cpio *a, size_t *offset, struct uk_cpio_entry *e)
{
    size_t off = *offset;
    if (off >= a->len)
        return 0;
    if (a->len - off < NEWC_HEADER)
        return -1;
    const unsigned char *h = a->base + off;
    if (memcmp(h, NEWC_MAGIC, 6) != 0)
        return -1;
    size_t mode, filesize, namesize;
    if (hex_field(h, FIELD_MODE, &mode) || hex_field(h, FIELD_FILESIZE, &filesize) ||
        hex_field(h, FIELD_NAMESIZE, &namesize))
        return -1;
    if (namesize == 0 || namesize > a->len - off - NEWC_HEADER)
        return -1;
    const char *name = (const char *)h + NEWC_HEADER;
    if (name[namesize - 1] != '\0')
        return -1;
    size_t data_off = pad4(off + NEWC_HEADER + namesize);
    if (data_off > a->len || filesize > a->len - data_off)
        return -1;
    size_t namelen = namesize - 1;
    if (namelen == sizeof TRAILER - 1 && memcmp(name, TRAILER, namelen) == 0)
        return 0;
    while (namelen > 0 && (name[0] == '/' || (name[0] == '.' && (namelen == 1 || name[1] == '/')))) {
        size_t skip = name[0] == '/' ? 1 : (namelen == 1 ? 1 : 2);
        name += skip;
        namelen -= skip;
    }
    e->name = name;
    e->namelen = namelen;
    e->data = a->base + data_off;
    e->size = filesize;
    e->mode = (unsigned)mode;
    *offset = pad4(data_off + filesize);
    return 1;
}

int uk_cpio_find(const struct uk_cpio *a, const char *path, size_t pathlen, struct uk_cpio_entry *e)
{
    size_t off = 0;
    struct uk_cpio_entry cur;
    while (uk_cpio_next(a, &off, &cur) == 1) {
        if (cur.namelen == pathlen && memcmp(cur.name, path, pathlen) == 0) {
            *e = cur;
            return 0;
        }
    }
    return -1;
}

int uk_cpio_is_dir(const struct uk_cpio *a, const char *path, size_t pathlen)
{
    if (pathlen == 0)
        return 1; /* the root */
    size_t off = 0;
    struct uk_cpio_entry cur;
    while (uk_cpio_next(a, &off, &cur) == 1) {
        if (cur.namelen == pathlen && memcmp(cur.name, path, pathlen) == 0)
            return (cur.mode & UK_CPIO_MODE_TYPE) == UK_CPIO_MODE_DIR;
        if (cur.namelen > pathlen && memcmp(cur.name, path, pathlen) == 0 && cur.name[pathlen] == '/')
            return 1;
    }
    return 0;
}

int uk_cpio_stats(const struct uk_cpio *a, size_t *files, size_t *bytes)
{
    size_t off = 0;
    struct uk_cpio_entry cur;
    int r;
    *files = 0;
    *bytes = 0;
    while ((r = uk_cpio_next(a, &off, &cur)) == 1) {
        if ((cur.mode & UK_CPIO_MODE_TYPE) == UK_CPIO_MODE_FILE) {
            (*files)++;
            *bytes += cur.size;
        }
    }
    return r;
}
