#include "webroot.h"

#include <stdio.h>
#include <string.h>

static int regular(const struct uk_cpio *root, const char *path, size_t len, struct uk_cpio_entry *e)
{
    return uk_cpio_find(root, path, len, e) == 0 && (e->mode & UK_CPIO_MODE_TYPE) == UK_CPIO_MODE_FILE ? 0 : -1;
}

int webroot_lookup(const struct uk_cpio *root, const char *path, size_t len, struct uk_cpio_entry *file,
                   char *resolved, size_t cap)
{
    if (len > 0 && len < cap && regular(root, path, len, file) == 0) {
        memcpy(resolved, path, len);
        resolved[len] = '\0';
        return 0;
    }
    if (!uk_cpio_is_dir(root, path, len))
        return -1;
    int n = snprintf(resolved, cap, "%.*s%sindex.html", (int)len, path, len ? "/" : "");
    if (n < 0 || (size_t)n >= cap)
        return -1;
    return regular(root, resolved, (size_t)n, file);
}
