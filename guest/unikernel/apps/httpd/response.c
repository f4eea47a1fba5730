#include "response.h"

#include <stdio.h>

const char *http_reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 414: return "URI Too Long";
    case 431: return "Request Header Fields Too Large";
    case 505: return "HTTP Version Not Supported";
    default: return "Internal Server Error";
    }
}

/* No Date header: RFC 9110 6.6.1 says an origin server without a reliable clock must not send one. */
size_t http_response_head(char *buf, size_t cap, int status, const char *content_type, size_t content_length,
                          int keep_alive)
{
    int n = snprintf(buf, cap,
                     "HTTP/1.1 %d %s\r\nServer: unikernel-httpd\r\nContent-Type: %s\r\nContent-Length: %zu\r\n"
                     "%sConnection: %s\r\n\r\n",
                     status, http_reason(status), content_type, content_length,
                     status == 405 ? "Allow: GET, HEAD\r\n" : "", keep_alive ? "keep-alive" : "close");
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

size_t http_error_body(char *buf, size_t cap, int status)
{
    int n = snprintf(buf, cap, "%d %s\n", status, http_reason(status));
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}
