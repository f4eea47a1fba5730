/* Unit tests of the HTTP request parser and response heads (apps/httpd/http.c, response.c). */
#include "check.h"
#include "http.h"
#include "response.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct http_request req;

static int parse(const char *s) { return http_parse(s, strlen(s), &req); }

/* Expects a complete parse with this status (0: a request). */
static void expect(const char *name, const char *text, int status)
{
    CHECK(name, parse(text) == 1);
    CHECK(name, req.status == status);
    if (status != 0)
        CHECK(name, req.keep_alive == 0);
    pass(name);
}

static void test_get(void)
{
    const char *name = "get_http11_keeps_alive";
    const char *t = "GET /index.html?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\nGET /next";
    CHECK(name, parse(t) == 1);
    CHECK(name, req.status == 0 && req.method == HTTP_GET);
    CHECK(name, req.target_len == strlen("/index.html?x=1") && memcmp(req.target, "/index.html?x=1", req.target_len) == 0);
    CHECK(name, req.minor == 1 && req.keep_alive == 1);
    CHECK(name, req.consumed == strlen(t) - strlen("GET /next"));
    CHECK(name, strcmp(req.method_text, "GET") == 0);
    pass(name);
}

static void test_connection_rules(void)
{
    const char *name = "connection_close_and_http10";
    CHECK(name, parse("GET / HTTP/1.1\r\nHost: a\r\nConnection: Close\r\n\r\n") == 1 && req.keep_alive == 0);
    CHECK(name, parse("GET / HTTP/1.0\r\n\r\n") == 1 && req.status == 0 && req.keep_alive == 0);
    CHECK(name, parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") == 1 && req.keep_alive == 1);
    CHECK(name, parse("HEAD / HTTP/1.1\r\nHost: a\r\nConnection: foo, close\r\n\r\n") == 1 && req.keep_alive == 0);
    CHECK(name, parse("HEAD / HTTP/1.1\r\nhost: a\r\n\r\n") == 1 && req.method == HTTP_HEAD && req.keep_alive == 1);
    /* a body is not read: the connection closes after the answer */
    CHECK(name, parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc") == 1 && req.status == 0 &&
                    req.keep_alive == 0);
    CHECK(name, parse("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n") == 1 && req.keep_alive == 1);
    pass(name);
}

static void test_incremental(void)
{
    const char *name = "incomplete_heads_need_more";
    const char *t = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
    size_t n = strlen(t);
    for (size_t i = 0; i < n; i++)
        CHECK(name, http_parse(t, i, &req) == 0);
    CHECK(name, http_parse(t, n, &req) == 1 && req.status == 0);
    CHECK(name, parse("\r\n\r\nGET / HTTP/1.1\nHost: x\n\n") == 1 && req.status == 0); /* bare LF, blank lines */
    pass(name);
}

static void test_statuses(void)
{
    expect("status_400_no_target", "GET HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    expect("status_400_absolute_form", "GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n", 400);
    expect("status_400_bad_version", "GET / HTTP/1.x\r\nHost: a\r\n\r\n", 400);
    expect("status_400_lowercase_version", "GET / http/1.1\r\nHost: a\r\n\r\n", 400);
    expect("status_400_missing_host", "GET / HTTP/1.1\r\n\r\n", 400);
    expect("status_400_two_hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400);
    expect("status_400_space_before_colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400);
    expect("status_400_obs_fold", "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", 400);
    expect("status_400_no_colon", "GET / HTTP/1.1\r\nHost a\r\n\r\n", 400);
    expect("status_400_bare_cr", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", 400);
    expect("status_400_control_char", "GET / HTTP/1.1\r\nHost: a\x01\r\n\r\n", 400);
    expect("status_400_bad_content_length", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n", 400);
    expect("status_400_too_many_blank_lines", "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\n", 400);
    expect("status_405_post", "POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nab", 405);
    expect("status_405_delete", "DELETE / HTTP/1.1\r\nHost: a\r\n\r\n", 405);
    expect("status_505_http2", "GET / HTTP/2.0\r\nHost: a\r\n\r\n", 505);

    static char big[HTTP_MAX_HEAD * 2];
    const char *name = "status_414_long_request_line";
    memset(big, 'a', sizeof big);
    memcpy(big, "GET /", 5);
    CHECK(name, http_parse(big, HTTP_MAX_REQUEST_LINE + 1, &req) == 1 && req.status == 414);
    CHECK(name, http_parse(big, HTTP_MAX_REQUEST_LINE, &req) == 0); /* not yet too long */
    int n = snprintf(big, sizeof big, "GET /%0*d HTTP/1.1\r\nHost: a\r\n\r\n", HTTP_MAX_REQUEST_LINE, 0);
    CHECK(name, http_parse(big, (size_t)n, &req) == 1 && req.status == 414);
    pass(name);

    name = "status_431_long_headers";
    n = snprintf(big, sizeof big, "GET / HTTP/1.1\r\nHost: a\r\n");
    while (n < HTTP_MAX_HEAD + 100)
        n += snprintf(big + n, sizeof big - (size_t)n, "X-Filler: %040d\r\n", n);
    CHECK(name, http_parse(big, (size_t)n, &req) == 1 && req.status == 431);
    n += snprintf(big + n, sizeof big - (size_t)n, "\r\n");
    CHECK(name, http_parse(big, (size_t)n, &req) == 1 && req.status == 431);
    pass(name);
}

static void test_responses(void)
{
    const char *name = "response_heads";
    char head[512], body[64];
    size_t n = http_response_head(head, sizeof head, 200, "text/html", 1234, 1);
    CHECK(name, n == strlen(head));
    CHECK(name, strncmp(head, "HTTP/1.1 200 OK\r\n", 17) == 0);
    CHECK(name, strstr(head, "\r\nContent-Length: 1234\r\n") && strstr(head, "\r\nContent-Type: text/html\r\n"));
    CHECK(name, strstr(head, "\r\nConnection: keep-alive\r\n\r\n") && !strstr(head, "Date:"));
    http_response_head(head, sizeof head, 405, "text/plain", 5, 0);
    CHECK(name, strstr(head, "\r\nAllow: GET, HEAD\r\n") && strstr(head, "Connection: close"));
    const int statuses[] = {400, 404, 405, 414, 431, 505};
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        n = http_error_body(body, sizeof body, statuses[i]);
        CHECK(name, n > 4 && atoi(body) == statuses[i] && strcmp(http_reason(statuses[i]), "Internal Server Error"));
    }
    CHECK(name, http_response_head(head, 10, 200, "text/html", 1, 1) == 0);
    pass(name);
}

/* xorshift: the same fuzz cases on every run */
static uint32_t rnd_state = 2463534242u;
static uint32_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state;
}

/*
 * Thousands of malformed requests: mutations of a valid one (bytes replaced, dropped,
 * duplicated, truncated, CR/LF/NUL/space inserted) and random bytes. Each must parse without
 * a sanitizer report, say "need more" only below the head limit, and give a status the server
 * can answer; every error status closes.
 */
static void test_fuzz(void)
{
    const char *name = "fuzz_malformed_requests";
    static const char base[] = "GET /dir/page.html?q=1 HTTP/1.1\r\nHost: example\r\nConnection: keep-alive\r\n"
                               "Accept: text/html\r\n\r\n";
    static const char specials[] = "\r\n \t:\0/%?.HTTP";
    static char buf[HTTP_MAX_HEAD + 64];
    int cases = 0, errors = 0;
    for (int i = 0; i < 20000; i++) {
        size_t len;
        if (i % 10 == 0) {
            len = rnd() % sizeof buf;
            for (size_t k = 0; k < len; k++)
                buf[k] = (char)rnd();
        } else {
            len = sizeof base - 1;
            memcpy(buf, base, len);
            int edits = 1 + (int)(rnd() % 4);
            for (int e = 0; e < edits && len > 0; e++) {
                size_t at = rnd() % len;
                switch (rnd() % 5) {
                case 0: buf[at] = (char)rnd(); break;
                case 1: buf[at] = specials[rnd() % (sizeof specials - 1)]; break;
                case 2: memmove(buf + at, buf + at + 1, len - at - 1); len--; break;
                case 3:
                    if (len + 1 < sizeof buf) {
                        memmove(buf + at + 1, buf + at, len - at);
                        len++;
                    }
                    break;
                default: len = at + 1; break;
                }
            }
        }
        /* exact-size heap copy: ASan catches any read past the end */
        char *copy = malloc(len ? len : 1);
        memcpy(copy, buf, len);
        int r = http_parse(copy, len, &req);
        cases++;
        if (r == 0) {
            free(copy);
            CHECK(name, len <= HTTP_MAX_HEAD);
            continue;
        }
        CHECK(name, r == 1);
        CHECK(name, req.status == 0 || req.status == 400 || req.status == 405 || req.status == 414 ||
                        req.status == 431 || req.status == 505);
        CHECK(name, req.consumed <= len);
        if (req.status != 0) {
            errors++;
            CHECK(name, req.keep_alive == 0);
        } else {
            CHECK(name, req.target_len > 0 && req.target[0] == '/');
        }
        free(copy);
    }
    CHECK(name, cases == 20000 && errors > 5000);
    printf("fuzz: %d cases, %d error answers\n", cases, errors);
    pass(name);
}

int main(void)
{
    test_get();
    test_connection_rules();
    test_incremental();
    test_statuses();
    test_responses();
    test_fuzz();
    return summary();
}
