#include "http.h"

#include <string.h>

static int is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return 1;
    return c != 0 && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static int is_field_char(unsigned char c) { return c == '\t' || (c >= 0x20 && c != 0x7F); }

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int name_is(const char *s, size_t n, const char *name)
{
    if (strlen(name) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)s[i]) != name[i])
            return 0;
    return 1;
}

/* Does the comma-separated value list contain token (case-insensitive)? */
static int has_token(const char *v, size_t n, const char *token)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
            i++;
        size_t start = i;
        while (i < n && v[i] != ',' && v[i] != ' ' && v[i] != '\t')
            i++;
        if (i > start && name_is(v + start, i - start, token))
            return 1;
    }
    return 0;
}

static int fail(struct http_request *req, int status, size_t consumed)
{
    req->status = status;
    req->keep_alive = 0;
    req->consumed = consumed;
    return 1;
}

/* Length of the line at buf[start] up to LF (excluded), or -1 when there is no LF yet. */
static long line_length(const char *buf, size_t len, size_t start)
{
    const char *lf = memchr(buf + start, '\n', len - start);
    return lf ? (long)(lf - (buf + start)) : -1;
}

/* Strips the CR of a CR LF ending; a CR anywhere else is malformed (-1). */
static long strip_cr(const char *line, long n)
{
    if (n > 0 && line[n - 1] == '\r')
        n--;
    return memchr(line, '\r', (size_t)n) ? -1 : n;
}

static int parse_request_line(const char *line, long n, struct http_request *req)
{
    long i = 0;
    while (i < n && is_tchar((unsigned char)line[i]))
        i++;
    if (i == 0 || i >= n || line[i] != ' ')
        return 400;
    size_t mlen = (size_t)i < HTTP_METHOD_TEXT - 1 ? (size_t)i : HTTP_METHOD_TEXT - 1;
    memcpy(req->method_text, line, mlen);
    req->method_text[mlen] = '\0';
    if (i == 3 && memcmp(line, "GET", 3) == 0)
        req->method = HTTP_GET;
    else if (i == 4 && memcmp(line, "HEAD", 4) == 0)
        req->method = HTTP_HEAD;
    else
        req->method = HTTP_OTHER;
    long t = ++i;
    while (i < n && line[i] > 0x20 && line[i] < 0x7F)
        i++;
    if (i == t || i >= n || line[i] != ' ')
        return 400;
    req->target = line + t;
    req->target_len = (size_t)(i - t);
    i++;
    if (n - i != 8 || memcmp(line + i, "HTTP/", 5) != 0 || line[i + 6] != '.')
        return 400;
    char major = line[i + 5], minor = line[i + 7];
    if (major < '0' || major > '9' || minor < '0' || minor > '9')
        return 400;
    if (major != '1')
        return 505;
    req->minor = minor - '0';
    if (req->target[0] != '/')
        return 400; /* origin form only: this server is no proxy */
    return 0;
}

int http_parse(const char *buf, size_t len, struct http_request *req)
{
    memset(req, 0, sizeof *req);
    size_t pos = 0;
    /* RFC 9112 2.2: empty lines before the request line are ignored, a few of them */
    while (pos < len && (buf[pos] == '\n' || (buf[pos] == '\r' && pos + 1 < len && buf[pos + 1] == '\n')))
        pos += buf[pos] == '\r' ? 2 : 1;
    if (pos > HTTP_MAX_LEADING_EMPTY)
        return fail(req, 400, len);
    long n = line_length(buf, len, pos);
    if (n < 0)
        return len - pos > HTTP_MAX_REQUEST_LINE ? fail(req, 414, len) : 0;
    if (n > HTTP_MAX_REQUEST_LINE)
        return fail(req, 414, len);
    long content = strip_cr(buf + pos, n);
    if (content < 0)
        return fail(req, 400, len);
    int status = parse_request_line(buf + pos, content, req);
    if (status)
        return fail(req, status, len);
    pos += (size_t)n + 1;

    int hosts = 0, close = 0, keep = 0, body = 0;
    for (;;) {
        n = line_length(buf, len, pos);
        if (n < 0)
            return len > HTTP_MAX_HEAD ? fail(req, 431, len) : 0;
        if (pos + (size_t)n > HTTP_MAX_HEAD)
            return fail(req, 431, len);
        const char *line = buf + pos;
        content = strip_cr(line, n);
        pos += (size_t)n + 1;
        if (content < 0)
            return fail(req, 400, len);
        if (content == 0)
            break;
        long colon = 0;
        while (colon < content && is_tchar((unsigned char)line[colon]))
            colon++;
        if (colon == 0 || colon >= content || line[colon] != ':')
            return fail(req, 400, len); /* also obs-fold and a space before the colon */
        long v = colon + 1, end = content;
        while (v < end && (line[v] == ' ' || line[v] == '\t'))
            v++;
        while (end > v && (line[end - 1] == ' ' || line[end - 1] == '\t'))
            end--;
        for (long k = v; k < end; k++)
            if (!is_field_char((unsigned char)line[k]))
                return fail(req, 400, len);
        const char *value = line + v;
        size_t vlen = (size_t)(end - v);
        if (name_is(line, (size_t)colon, "host")) {
            hosts++;
        } else if (name_is(line, (size_t)colon, "connection")) {
            close |= has_token(value, vlen, "close");
            keep |= has_token(value, vlen, "keep-alive");
        } else if (name_is(line, (size_t)colon, "content-length")) {
            if (vlen == 0)
                return fail(req, 400, len);
            for (size_t k = 0; k < vlen; k++)
                if (value[k] < '0' || value[k] > '9')
                    return fail(req, 400, len);
            for (size_t k = 0; k < vlen; k++)
                if (value[k] != '0')
                    body = 1;
        } else if (name_is(line, (size_t)colon, "transfer-encoding")) {
            body = 1;
        }
    }
    req->consumed = pos;
    if (req->minor >= 1 && hosts != 1)
        return fail(req, 400, pos); /* RFC 9112 3.2: exactly one Host in HTTP/1.1 */
    if (req->method == HTTP_OTHER)
        return fail(req, 405, pos);
    /* A body is not read: answering, then closing keeps its bytes from being parsed as a request. */
    req->keep_alive = !body && !close && (req->minor >= 1 || keep);
    return 1;
}
