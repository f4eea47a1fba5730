/* Response heads and error bodies. Pure code, host-testable. */
#ifndef HTTPD_RESPONSE_H
#define HTTPD_RESPONSE_H

#include <stddef.h>

const char *http_reason(int status);

/* The head of a response, ready to send; returns its length (0 when cap is too small). */
size_t http_response_head(char *buf, size_t cap, int status, const char *content_type, size_t content_length,
                          int keep_alive);

/* A short text body for an error status: "404 Not Found\n". */
size_t http_error_body(char *buf, size_t cap, int status);

#endif
