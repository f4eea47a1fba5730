#include "mime.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *ext;
    const char *type;
} types[] = {
    {"html", "text/html; charset=utf-8"}, {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},   {"js", "text/javascript; charset=utf-8"},
    {"json", "application/json"},         {"txt", "text/plain; charset=utf-8"},
    {"xml", "application/xml"},           {"svg", "image/svg+xml"},
    {"png", "image/png"},                 {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},               {"gif", "image/gif"},
    {"ico", "image/x-icon"},              {"webp", "image/webp"},
    {"woff2", "font/woff2"},              {"wasm", "application/wasm"},
    {"pdf", "application/pdf"},
};

const char *mime_type(const char *path, size_t len)
{
    size_t dot = len;
    while (dot > 0 && path[dot - 1] != '.' && path[dot - 1] != '/')
        dot--;
    if (dot > 0 && path[dot - 1] == '.') {
        size_t n = len - dot;
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
            if (strlen(types[i].ext) == n && strncasecmp(path + dot, types[i].ext, n) == 0)
                return types[i].type;
    }
    return "application/octet-stream";
}
