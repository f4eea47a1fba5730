/* Content-Type by file name extension. */
#ifndef HTTPD_MIME_H
#define HTTPD_MIME_H

#include <stddef.h>

/* "application/octet-stream" for unknown extensions. */
const char *mime_type(const char *path, size_t len);

#endif
