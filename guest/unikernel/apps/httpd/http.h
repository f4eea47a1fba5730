/*
 * HTTP/1.1 request heads (RFC 9112): what the server needs to answer one request, from bytes
 * that may arrive in any number of pieces. Pure code: no lwIP, no I/O, host-testable.
 */
#ifndef HTTPD_HTTP_H
#define HTTPD_HTTP_H

#include <stddef.h>

#define HTTP_MAX_REQUEST_LINE 2048 /* longer: 414 */
#define HTTP_MAX_HEAD 8192         /* request line and headers together; longer: 431 */
#define HTTP_MAX_LEADING_EMPTY 16  /* bytes of empty lines before the request line; more: 400 */
#define HTTP_METHOD_TEXT 16

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_OTHER };

struct http_request {
    int status; /* 0: answerable; otherwise the error status to answer before closing */
    enum http_method method;
    char method_text[HTTP_METHOD_TEXT]; /* for the access log, truncated */
    const char *target;                 /* into the parsed buffer */
    size_t target_len;
    int minor;      /* HTTP/1.minor */
    int keep_alive; /* the connection stays open after the answer */
    size_t consumed;
};

/*
 * Parses the request head at the start of buf. Returns 0 when more bytes are needed, 1 when
 * req is filled: either a request (status 0) or an error status (400, 405, 414, 431, 505)
 * after which the connection closes. Empty lines before the request line count towards
 * HTTP_MAX_HEAD, so more than HTTP_MAX_HEAD bytes never need more.
 */
int http_parse(const char *buf, size_t len, struct http_request *req);

#endif
