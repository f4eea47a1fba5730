/*
 * Strict JSON parser for the guest configuration (see config.h). Two passes: the text
 * is parsed into a small tree of fixed-size nodes (bounded depth, node count and
 * size), then the tree is mapped onto struct config with type checks. No allocation.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

static const char *const jtype_name[] = {
    "null", "a boolean", "a number", "a string", "an array", "an object",
};

struct jnode {
    enum jtype type;
    size_t off;      /* byte offset of the value */
    const char *str; /* J_STR: unescaped text; J_NUM: the number as written */
    const char *key; /* member name when the parent is an object */
    int child;       /* first element/member, -1 if none */
    int next;        /* next sibling, -1 if none */
};

struct parser {
    const char *s;
    size_t len, pos;
    struct jnode nodes[CFG_MAX_NODES];
    int nnodes;
    struct config *cfg;
    char *err;
    size_t errlen;
    int failed;
};

static int fail(struct parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, size_t off, const char *fmt, ...)
{
    if (!p->failed && p->err && p->errlen) {
        int n = snprintf(p->err, p->errlen, "at byte %zu: ", off);
        if (n >= 0 && (size_t)n < p->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
            va_end(ap);
        }
    }
    p->failed = 1;
    return -1;
}

/* What is at offset off, for error messages: 'x', byte 0x01 or the end of the text. */
static const char *what_at(struct parser *p, size_t off, char *buf, size_t buflen)
{
    if (off >= p->len)
        return "the end of the text (truncated?)";
    unsigned char c = (unsigned char)p->s[off];
    if (c > 0x20 && c < 0x7f)
        snprintf(buf, buflen, "'%c'", c);
    else if (c == ' ')
        snprintf(buf, buflen, "a space");
    else
        snprintf(buf, buflen, "byte 0x%02x", c);
    return buf;
}

static void skip_ws(struct parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static int new_node(struct parser *p, enum jtype type, size_t off)
{
    if (p->nnodes >= CFG_MAX_NODES)
        return fail(p, off, "more than %d JSON values", CFG_MAX_NODES);
    struct jnode *n = &p->nodes[p->nnodes];
    n->type = type;
    n->off = off;
    n->str = NULL;
    n->key = NULL;
    n->child = -1;
    n->next = -1;
    return p->nnodes++;
}

static char *pool_reserve(struct parser *p, size_t n, size_t off)
{
    struct config *c = p->cfg;
    if (c->pool_used + n > sizeof c->pool) {
        fail(p, off, "configuration too large");
        return NULL;
    }
    char *r = c->pool + c->pool_used;
    c->pool_used += n;
    return r;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int read_hex4(struct parser *p, size_t at, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = at + i < p->len ? hexval(p->s[at + i]) : -1;
        if (h < 0)
            return fail(p, at - 2, "invalid \\u escape: expected 4 hex digits");
        v = v << 4 | (unsigned)h;
    }
    *out = v;
    return 0;
}

/* p->pos is at the opening quote. Stores the unescaped, NUL-terminated text. */
static int parse_string(struct parser *p, const char **out)
{
    size_t start = p->pos++;
    /* the unescaped text is never longer than the escaped one */
    size_t end = start + 1;
    while (end < p->len && p->s[end] != '"') {
        if (p->s[end] == '\\')
            end++;
        end++;
    }
    size_t cap = (end < p->len ? end : p->len) - start;
    char *buf = pool_reserve(p, cap + 1, start);
    if (!buf)
        return -1;
    size_t n = 0;
    for (;;) {
        if (p->pos >= p->len)
            return fail(p, p->pos, "unterminated string (it starts at byte %zu)", start);
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c < 0x20)
            return fail(p, p->pos, "control character 0x%02x inside a string (it must be escaped)", c);
        if (c != '\\') {
            buf[n++] = (char)c;
            p->pos++;
            continue;
        }
        size_t esc = p->pos;
        if (p->pos + 1 >= p->len)
            return fail(p, p->pos, "unterminated string (it starts at byte %zu)", start);
        char e = p->s[p->pos + 1];
        p->pos += 2;
        switch (e) {
        case '"': buf[n++] = '"'; break;
        case '\\': buf[n++] = '\\'; break;
        case '/': buf[n++] = '/'; break;
        case 'b': buf[n++] = '\b'; break;
        case 'f': buf[n++] = '\f'; break;
        case 'n': buf[n++] = '\n'; break;
        case 'r': buf[n++] = '\r'; break;
        case 't': buf[n++] = '\t'; break;
        case 'u': {
            unsigned cp;
            if (read_hex4(p, p->pos, &cp) < 0)
                return -1;
            p->pos += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                unsigned lo;
                if (p->pos + 1 < p->len && p->s[p->pos] == '\\' && p->s[p->pos + 1] == 'u') {
                    if (read_hex4(p, p->pos + 2, &lo) < 0)
                        return -1;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        return fail(p, esc, "invalid \\u escape: high surrogate not followed by a low one");
                    p->pos += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                } else {
                    return fail(p, esc, "invalid \\u escape: high surrogate not followed by a low one");
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                return fail(p, esc, "invalid \\u escape: lone low surrogate");
            }
            if (cp == 0)
                return fail(p, esc, "\\u0000 is not allowed in a string");
            /* UTF-8: never longer than the 6 or 12 escaped bytes */
            if (cp < 0x80) {
                buf[n++] = (char)cp;
            } else if (cp < 0x800) {
                buf[n++] = (char)(0xC0 | cp >> 6);
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                buf[n++] = (char)(0xE0 | cp >> 12);
                buf[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                buf[n++] = (char)(0xF0 | cp >> 18);
                buf[n++] = (char)(0x80 | (cp >> 12 & 0x3F));
                buf[n++] = (char)(0x80 | (cp >> 6 & 0x3F));
                buf[n++] = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default: {
            char b[16];
            return fail(p, esc, "invalid escape \\%s inside a string", what_at(p, esc + 1, b, sizeof b));
        }
        }
    }
    buf[n] = '\0';
    *out = buf;
    return 0;
}

static int parse_value(struct parser *p, int depth);

static int parse_number(struct parser *p)
{
    size_t start = p->pos;
    const char *s = p->s;
    size_t i = p->pos;
    char b[16];
    if (i < p->len && s[i] == '-')
        i++;
    if (i < p->len && s[i] == '0') {
        i++;
    } else if (i < p->len && s[i] >= '1' && s[i] <= '9') {
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    } else {
        return fail(p, i, "invalid number: expected a digit, found %s", what_at(p, i, b, sizeof b));
    }
    if (i < p->len && s[i] == '.') {
        i++;
        if (i >= p->len || s[i] < '0' || s[i] > '9')
            return fail(p, i, "invalid number: expected a digit after '.', found %s", what_at(p, i, b, sizeof b));
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    if (i < p->len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < p->len && (s[i] == '+' || s[i] == '-'))
            i++;
        if (i >= p->len || s[i] < '0' || s[i] > '9')
            return fail(p, i, "invalid number: expected a digit in the exponent, found %s", what_at(p, i, b, sizeof b));
        while (i < p->len && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    int idx = new_node(p, J_NUM, start);
    if (idx < 0)
        return -1;
    char *t = pool_reserve(p, i - start + 1, start);
    if (!t)
        return -1;
    memcpy(t, s + start, i - start);
    t[i - start] = '\0';
    p->nodes[idx].str = t;
    p->pos = i;
    return idx;
}

static int parse_literal(struct parser *p)
{
    static const struct { const char *word; enum jtype type; } lits[] = {
        {"true", J_BOOL}, {"false", J_BOOL}, {"null", J_NULL},
    };
    for (size_t k = 0; k < sizeof lits / sizeof lits[0]; k++) {
        size_t wl = strlen(lits[k].word);
        if (p->s[p->pos] == lits[k].word[0]) {
            if (p->pos + wl > p->len || memcmp(p->s + p->pos, lits[k].word, wl) != 0)
                return fail(p, p->pos, "invalid literal: expected '%s'", lits[k].word);
            int idx = new_node(p, lits[k].type, p->pos);
            if (idx < 0)
                return -1;
            p->nodes[idx].str = lits[k].word;
            p->pos += wl;
            return idx;
        }
    }
    return -1; /* not reached: caller checks the first letter */
}

static int parse_container(struct parser *p, int depth, int is_obj)
{
    size_t start = p->pos;
    char b[16];
    if (depth >= CFG_MAX_DEPTH)
        return fail(p, start, "nesting deeper than %d levels", CFG_MAX_DEPTH);
    int idx = new_node(p, is_obj ? J_OBJ : J_ARR, start);
    if (idx < 0)
        return -1;
    p->pos++;
    skip_ws(p);
    char close = is_obj ? '}' : ']';
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return idx;
    }
    int last = -1;
    for (;;) {
        const char *key = NULL;
        if (is_obj) {
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != '"')
                return fail(p, p->pos, "expected a string key%s, found %s",
                            last < 0 ? " or '}'" : "", what_at(p, p->pos, b, sizeof b));
            if (parse_string(p, &key) < 0)
                return -1;
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != ':')
                return fail(p, p->pos, "expected ':' after the key \"%s\", found %s", key,
                            what_at(p, p->pos, b, sizeof b));
            p->pos++;
        }
        int child = parse_value(p, depth + 1);
        if (child < 0)
            return -1;
        p->nodes[child].key = key;
        if (last < 0)
            p->nodes[idx].child = child;
        else
            p->nodes[last].next = child;
        last = child;
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->pos < p->len && p->s[p->pos] == close) {
            p->pos++;
            return idx;
        }
        return fail(p, p->pos, "expected ',' or '%c' after %s, found %s", close,
                    is_obj ? "an object member" : "an array element", what_at(p, p->pos, b, sizeof b));
    }
}

static int parse_value(struct parser *p, int depth)
{
    char b[16];
    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, p->pos, "expected a value, found %s", what_at(p, p->pos, b, sizeof b));
    char c = p->s[p->pos];
    switch (c) {
    case '{':
        return parse_container(p, depth, 1);
    case '[':
        return parse_container(p, depth, 0);
    case '"': {
        int idx = new_node(p, J_STR, p->pos);
        if (idx < 0)
            return -1;
        const char *str;
        if (parse_string(p, &str) < 0)
            return -1;
        p->nodes[idx].str = str;
        return idx;
    }
    case 't': case 'f': case 'n':
        return parse_literal(p);
    default:
        if (c == '-' || (c >= '0' && c <= '9'))
            return parse_number(p);
        return fail(p, p->pos, "expected a value (object, array, string, number, true, false or null), found %s",
                    what_at(p, p->pos, b, sizeof b));
    }
}

/* ---- mapping the tree onto struct config ---- */

static int want(struct parser *p, int idx, enum jtype type, const char *name)
{
    if (p->nodes[idx].type != type)
        return fail(p, p->nodes[idx].off, "\"%s\" must be %s, found %s", name, jtype_name[type],
                    jtype_name[p->nodes[idx].type]);
    return 0;
}

static int get_string(struct parser *p, int idx, const char *name, const char **out)
{
    if (want(p, idx, J_STR, name) < 0)
        return -1;
    *out = p->nodes[idx].str;
    return 0;
}

static int check_ipv4(struct parser *p, int idx, const char *name, const char *v)
{
    struct in_addr a;
    if (inet_pton(AF_INET, v, &a) != 1)
        return fail(p, p->nodes[idx].off, "\"%s\" is not a dotted IPv4 address: \"%s\"", name, v);
    return 0;
}

int config_mask_prefix(const char *mask, char *err, size_t errlen)
{
    if (!mask || !*mask) {
        snprintf(err, errlen, "empty mask");
        return -1;
    }
    if (!strchr(mask, '.')) {
        int v = 0;
        for (const char *c = mask; *c; c++) {
            if (*c < '0' || *c > '9' || c - mask >= 2) {
                snprintf(err, errlen, "mask \"%s\" is neither a prefix length (0-32) nor a dotted mask", mask);
                return -1;
            }
            v = v * 10 + (*c - '0');
        }
        if (v > 32) {
            snprintf(err, errlen, "prefix length %d is more than 32", v);
            return -1;
        }
        return v;
    }
    struct in_addr a;
    if (inet_pton(AF_INET, mask, &a) != 1) {
        snprintf(err, errlen, "mask \"%s\" is not a dotted IPv4 mask", mask);
        return -1;
    }
    unsigned long m = ntohl(a.s_addr);
    int prefix = 0;
    while (prefix < 32 && (m & (0x80000000UL >> prefix)))
        prefix++;
    if (prefix < 32 && (m & (0xFFFFFFFFUL >> prefix))) {
        snprintf(err, errlen, "mask \"%s\" is not contiguous", mask);
        return -1;
    }
    return prefix;
}

static int map_net(struct parser *p, int idx)
{
    struct cfg_net *net = &p->cfg->net;
    if (want(p, idx, J_OBJ, "net") < 0)
        return -1;
    memset(net, 0, sizeof *net);
    net->present = 1;
    net->ifname = "eth0";
    int mask_idx = -1;
    for (int m = p->nodes[idx].child; m >= 0; m = p->nodes[m].next) {
        const char *k = p->nodes[m].key;
        if (!strcmp(k, "if")) {
            if (get_string(p, m, "net.if", &net->ifname) < 0)
                return -1;
            size_t l = strlen(net->ifname);
            if (l == 0 || l > 15 || strchr(net->ifname, '/'))
                return fail(p, p->nodes[m].off, "\"net.if\" is not a valid interface name: \"%s\"", net->ifname);
        } else if (!strcmp(k, "type")) {
            if (get_string(p, m, "net.type", &net->type) < 0)
                return -1;
            if (strcmp(net->type, "inet"))
                return fail(p, p->nodes[m].off, "\"net.type\" \"%s\" is not supported (only \"inet\")", net->type);
        } else if (!strcmp(k, "method")) {
            if (get_string(p, m, "net.method", &net->method) < 0)
                return -1;
            if (strcmp(net->method, "static"))
                return fail(p, p->nodes[m].off, "\"net.method\" \"%s\" is not supported (only \"static\")",
                            net->method);
        } else if (!strcmp(k, "addr")) {
            if (get_string(p, m, "net.addr", &net->addr) < 0 || check_ipv4(p, m, "net.addr", net->addr) < 0)
                return -1;
        } else if (!strcmp(k, "gw")) {
            if (get_string(p, m, "net.gw", &net->gw) < 0 || check_ipv4(p, m, "net.gw", net->gw) < 0)
                return -1;
        } else if (!strcmp(k, "mask")) {
            if (p->nodes[m].type != J_NUM && want(p, m, J_STR, "net.mask") < 0)
                return -1;
            net->mask = p->nodes[m].str;
            mask_idx = m;
        }
    }
    if (!net->addr)
        return fail(p, p->nodes[idx].off, "\"net\" needs \"addr\"");
    if (mask_idx < 0)
        return fail(p, p->nodes[idx].off, "\"net\" needs \"mask\" (a prefix length or a dotted mask)");
    char e[128];
    net->prefix = config_mask_prefix(net->mask, e, sizeof e);
    if (net->prefix < 0)
        return fail(p, p->nodes[mask_idx].off, "\"net.mask\": %s", e);
    return 0;
}

static int map_blk_one(struct parser *p, int idx, int n)
{
    char name[48];
    snprintf(name, sizeof name, "blk[%d]", n);
    if (want(p, idx, J_OBJ, name) < 0)
        return -1;
    if (p->cfg->nblk >= CFG_MAX_BLK)
        return fail(p, p->nodes[idx].off, "more than %d \"blk\" entries", CFG_MAX_BLK);
    struct cfg_blk *b = &p->cfg->blk[p->cfg->nblk];
    memset(b, 0, sizeof *b);
    b->source = "dev";
    for (int m = p->nodes[idx].child; m >= 0; m = p->nodes[m].next) {
        const char *k = p->nodes[m].key;
        const char **dst = !strcmp(k, "source") ? &b->source
                           : !strcmp(k, "path") ? &b->path
                           : !strcmp(k, "fstype") ? &b->fstype
                           : !strcmp(k, "mountpoint") ? &b->mountpoint : NULL;
        if (!dst)
            continue;
        snprintf(name, sizeof name, "blk[%d].%s", n, k);
        if (get_string(p, m, name, dst) < 0)
            return -1;
        if (!**dst)
            return fail(p, p->nodes[m].off, "\"%s\" is empty", name);
    }
    if (strcmp(b->source, "dev"))
        return fail(p, p->nodes[idx].off, "\"blk[%d].source\" \"%s\" is not supported (only \"dev\")", n, b->source);
    if (!b->path)
        return fail(p, p->nodes[idx].off, "\"blk[%d]\" needs \"path\"", n);
    if (!b->fstype)
        return fail(p, p->nodes[idx].off, "\"blk[%d]\" needs \"fstype\"", n);
    if (!b->mountpoint || b->mountpoint[0] != '/')
        return fail(p, p->nodes[idx].off, "\"blk[%d]\" needs an absolute \"mountpoint\"", n);
    p->cfg->nblk++;
    return 0;
}

static int map_blk(struct parser *p, int idx)
{
    if (p->nodes[idx].type == J_OBJ) /* rumprun also wrote a single "blk" object */
        return map_blk_one(p, idx, p->cfg->nblk);
    if (p->nodes[idx].type != J_ARR)
        return fail(p, p->nodes[idx].off, "\"blk\" must be an array of objects, found %s",
                    jtype_name[p->nodes[idx].type]);
    for (int e = p->nodes[idx].child; e >= 0; e = p->nodes[e].next)
        if (map_blk_one(p, e, p->cfg->nblk) < 0)
            return -1;
    return 0;
}

static int map_env(struct parser *p, int idx)
{
    char name[32];
    if (want(p, idx, J_ARR, "env") < 0)
        return -1;
    p->cfg->nenv = 0;
    int n = 0;
    for (int e = p->nodes[idx].child; e >= 0; e = p->nodes[e].next, n++) {
        snprintf(name, sizeof name, "env[%d]", n);
        const char *v;
        if (get_string(p, e, name, &v) < 0)
            return -1;
        const char *eq = strchr(v, '=');
        if (!eq || eq == v)
            return fail(p, p->nodes[e].off, "\"%s\" must look like NAME=value: \"%s\"", name, v);
        if (p->cfg->nenv >= CFG_MAX_ENV)
            return fail(p, p->nodes[e].off, "more than %d \"env\" entries", CFG_MAX_ENV);
        p->cfg->env[p->cfg->nenv++] = v;
    }
    p->cfg->env[p->cfg->nenv] = NULL;
    return 0;
}

static int map_rc(struct parser *p, int idx)
{
    char name[48];
    if (want(p, idx, J_ARR, "rc") < 0)
        return -1;
    p->cfg->nrc = 0;
    int n = 0;
    for (int e = p->nodes[idx].child; e >= 0; e = p->nodes[e].next, n++) {
        snprintf(name, sizeof name, "rc[%d]", n);
        if (want(p, e, J_OBJ, name) < 0)
            return -1;
        if (n >= CFG_MAX_RC)
            return fail(p, p->nodes[e].off, "more than %d \"rc\" entries", CFG_MAX_RC);
        struct cfg_rc *rc = &p->cfg->rc[n];
        memset(rc, 0, sizeof *rc);
        int argv_idx = -1;
        for (int m = p->nodes[e].child; m >= 0; m = p->nodes[m].next) {
            const char *k = p->nodes[m].key;
            if (!strcmp(k, "bin")) {
                snprintf(name, sizeof name, "rc[%d].bin", n);
                if (get_string(p, m, name, &rc->bin) < 0)
                    return -1;
                if (!*rc->bin)
                    return fail(p, p->nodes[m].off, "\"%s\" is empty", name);
            } else if (!strcmp(k, "argv")) {
                snprintf(name, sizeof name, "rc[%d].argv", n);
                if (want(p, m, J_ARR, name) < 0)
                    return -1;
                argv_idx = m;
            } else if (!strcmp(k, "runmode")) {
                const char *mode;
                snprintf(name, sizeof name, "rc[%d].runmode", n);
                if (get_string(p, m, name, &mode) < 0)
                    return -1;
                rc->background = !strcmp(mode, "&");
            }
        }
        if (!rc->bin)
            return fail(p, p->nodes[e].off, "\"rc[%d]\" needs \"bin\"", n);
        rc->argv[0] = rc->bin;
        rc->argc = 1;
        if (argv_idx >= 0) {
            int a = 0;
            for (int v = p->nodes[argv_idx].child; v >= 0; v = p->nodes[v].next, a++) {
                snprintf(name, sizeof name, "rc[%d].argv[%d]", n, a);
                if (rc->argc > CFG_MAX_ARGV)
                    return fail(p, p->nodes[v].off, "more than %d arguments in \"rc[%d].argv\"", CFG_MAX_ARGV, n);
                if (get_string(p, v, name, &rc->argv[rc->argc]) < 0)
                    return -1;
                rc->argc++;
            }
        }
        rc->argv[rc->argc] = NULL;
        p->cfg->nrc++;
    }
    if (p->cfg->nrc == 0)
        return fail(p, p->nodes[idx].off, "\"rc\" is empty: nothing to run");
    return 0;
}

static int map_root(struct parser *p, int root)
{
    struct config *c = p->cfg;
    if (p->nodes[root].type != J_OBJ)
        return fail(p, p->nodes[root].off, "the configuration must be a JSON object, found %s",
                    jtype_name[p->nodes[root].type]);
    int have_rc = 0;
    for (int m = p->nodes[root].child; m >= 0; m = p->nodes[m].next) {
        const char *k = p->nodes[m].key;
        if (!strcmp(k, "hostname")) {
            if (get_string(p, m, "hostname", &c->hostname) < 0)
                return -1;
            if (!*c->hostname || strlen(c->hostname) > 64)
                return fail(p, p->nodes[m].off, "\"hostname\" must have 1 to 64 characters");
        } else if (!strcmp(k, "dns")) {
            if (get_string(p, m, "dns", &c->dns) < 0 || check_ipv4(p, m, "dns", c->dns) < 0)
                return -1;
        } else if (!strcmp(k, "net")) {
            if (map_net(p, m) < 0)
                return -1;
        } else if (!strcmp(k, "blk")) {
            if (map_blk(p, m) < 0)
                return -1;
        } else if (!strcmp(k, "env")) {
            if (map_env(p, m) < 0)
                return -1;
        } else if (!strcmp(k, "rc")) {
            if (map_rc(p, m) < 0)
                return -1;
            have_rc = 1;
        }
        /* other keys (rumprun's "cmdline", "time"...) are ignored */
    }
    if (!have_rc)
        return fail(p, p->nodes[root].off, "the configuration needs \"rc\" (the programs to run)");
    return 0;
}

int config_parse(const char *text, size_t len, struct config *cfg, char *err, size_t errlen)
{
    static struct parser parser; /* ~30 KiB: keep it off the stack */
    struct parser *p = &parser;
    memset(p, 0, sizeof *p);
    memset(cfg, 0, sizeof *cfg);
    p->s = text;
    p->len = len;
    p->cfg = cfg;
    p->err = err;
    p->errlen = errlen;
    if (err && errlen)
        err[0] = '\0';
    if (len > CFG_MAX_INPUT)
        return fail(p, CFG_MAX_INPUT, "the configuration is %zu bytes, more than the %d allowed", len,
                    CFG_MAX_INPUT);
    if (memchr(text, '\0', len))
        return fail(p, (size_t)((const char *)memchr(text, '\0', len) - text), "NUL byte in the configuration");
    skip_ws(p);
    if (p->pos >= p->len)
        return fail(p, p->pos, "expected a JSON object, found nothing (empty configuration)");
    int root = parse_value(p, 0);
    if (root < 0)
        return -1;
    skip_ws(p);
    if (p->pos < p->len) {
        char b[16];
        return fail(p, p->pos, "unexpected %s after the end of the JSON value (trailing garbage)",
                    what_at(p, p->pos, b, sizeof b));
    }
    if (map_root(p, root) < 0)
        return -1;
    return 0;
}

const char *config_find_json(const char *cmdline, size_t *len)
{
    const char *start;
    if (!strncmp(cmdline, "-- ", 3))
        start = cmdline + 3;
    else if ((start = strstr(cmdline, " -- ")) != NULL)
        start += 4;
    else
        return NULL;
    size_t end = strlen(start);
    for (;;) {
        while (end > 0 && (start[end - 1] == '\n' || start[end - 1] == ' ' || start[end - 1] == '\t'))
            end--;
        /* QEMU -M microvm appends " virtio_mmio.device=..." words after ours */
        size_t w = end;
        while (w > 0 && start[w - 1] != ' ')
            w--;
        if (w > 0 && !strncmp(start + w, "virtio_mmio.device=", 19))
            end = w - 1;
        else
            break;
    }
    *len = end;
    return start;
}
