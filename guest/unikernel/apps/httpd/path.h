/* From a request target to a path in the web root. Pure code, host-testable. */
#ifndef HTTPD_PATH_H
#define HTTPD_PATH_H

#include <stddef.h>

/*
 * Decodes %XX escapes of the target's path (the query is dropped) and normalises it: no
 * leading '/', no empty or "." segments. A ".." segment is refused, never resolved. Writes
 * at most cap bytes (NUL included) to out. Returns 0, or the status to answer: 400 (bad
 * escape, an escaped NUL or "/", ".."), 414 (does not fit).
 */
int http_path_normalize(const char *target, size_t len, char *out, size_t cap, size_t *outlen);

#endif
