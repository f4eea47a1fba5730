#include "path.h"

static int hex(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int http_path_normalize(const char *target, size_t len, char *out, size_t cap, size_t *outlen)
{
    if (len == 0 || target[0] != '/')
        return 400;
    size_t o = 0;      /* bytes written to out */
    size_t seg = 0;    /* where the current segment starts in out */
    for (size_t i = 0; i <= len; i++) {
        char c;
        int end = i == len || target[i] == '?' || target[i] == '#';
        if (end || target[i] == '/') {
            size_t n = o - seg;
            if (n == 0 || (n == 1 && out[seg] == '.')) {
                o = seg; /* empty or "." segment */
            } else if (n == 2 && out[seg] == '.' && out[seg + 1] == '.') {
                return 400;
            } else {
                if (o + 1 >= cap)
                    return 414;
                out[o++] = '/';
                seg = o;
            }
            if (end)
                break;
            continue;
        }
        c = target[i];
        if (c == '%') {
            int h = i + 2 < len ? hex(target[i + 1]) : -1, l = h >= 0 ? hex(target[i + 2]) : -1;
            if (h < 0 || l < 0)
                return 400;
            c = (char)(h * 16 + l);
            if (c == '\0' || c == '/')
                return 400; /* an escaped separator would hide a ".." segment */
            i += 2;
        }
        if (o + 1 >= cap)
            return 414;
        out[o++] = c;
    }
    if (o > 0 && out[o - 1] == '/')
        o--; /* the separator written after the last segment */
    out[o] = '\0';
    *outlen = o;
    return 0;
}
