/* The web root: files of the cpio archive the runner passes as -initrd. */
#ifndef HTTPD_WEBROOT_H
#define HTTPD_WEBROOT_H

#include <stddef.h>

#include "uk/cpio.h"

#define WEBROOT_PATH_MAX 1024

/*
 * The file for a normalised path (see path.h): the regular file itself, or a directory's
 * index.html ("" is the root). resolved receives the file's path. 0 when found, else -1.
 */
int webroot_lookup(const struct uk_cpio *root, const char *path, size_t len, struct uk_cpio_entry *file,
                   char *resolved, size_t cap);

#endif
