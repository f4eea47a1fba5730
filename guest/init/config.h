/*
 * The guest configuration: the rumprun JSON layout of 2015 plus "dns" and "hostname",
 * read from the kernel command line after the first " -- ".
 *
 *   {"hostname":"nginx","dns":"172.17.0.1",
 *    "net":{"if":"eth0","type":"inet","method":"static",
 *           "addr":"172.17.0.2","mask":"16","gw":"172.17.0.1"},
 *    "blk":[{"source":"dev","path":"/dev/vda","fstype":"iso9660","mountpoint":"/etc"}],
 *    "env":["PHP_FCGI_CHILDREN=0"],
 *    "rc":[{"bin":"/usr/sbin/nginx","argv":["-c","/etc/nginx/nginx.conf"],"runmode":""}]}
 *
 * Every key is optional except "rc". Unknown keys are ignored. "blk" may also be a single
 * object. "mask" is a prefix length ("16", or the number 16) or a dotted mask
 * ("255.255.0.0"). The parser is strict JSON (RFC 8259) otherwise; every error names the
 * byte offset (0-based, counted from the first byte of the JSON text) and what was
 * expected.
 */
#ifndef UNIKERNEL_CONFIG_H
#define UNIKERNEL_CONFIG_H

#include <stddef.h>

#define CFG_MAX_INPUT 4096 /* bytes of JSON (x86 kernel command lines stop at 2047) */
#define CFG_MAX_DEPTH 8    /* nesting of arrays/objects */
#define CFG_MAX_NODES 512  /* JSON values in all */
#define CFG_MAX_BLK 8
#define CFG_MAX_ENV 64
#define CFG_MAX_RC 16
#define CFG_MAX_ARGV 64    /* arguments per rc entry, argv[0] excluded */
#define CFG_ERR_LEN 256

struct cfg_net {
    int present;
    const char *ifname; /* "if", default "eth0" */
    const char *type;   /* "inet" (only value supported) */
    const char *method; /* "static" (only value supported) */
    const char *addr;   /* dotted IPv4, required when "net" is present */
    const char *mask;   /* as written; see prefix */
    int prefix;         /* 0..32, from mask (default 24 when mask is absent) */
    const char *gw;     /* NULL: no default route */
};

struct cfg_blk {
    const char *source;     /* "dev" (only value supported) */
    const char *path;       /* e.g. /dev/vda */
    const char *fstype;     /* e.g. ext2, iso9660 */
    const char *mountpoint; /* absolute path */
};

struct cfg_rc {
    const char *bin;
    const char *argv[CFG_MAX_ARGV + 2]; /* argv[0] = bin, NULL-terminated */
    int argc;                           /* including argv[0] */
    int background;                     /* runmode "&" */
};

struct config {
    const char *hostname; /* NULL when absent */
    const char *dns;      /* NULL when absent */
    struct cfg_net net;
    struct cfg_blk blk[CFG_MAX_BLK];
    int nblk;
    const char *env[CFG_MAX_ENV + 1]; /* "NAME=value", NULL-terminated */
    int nenv;
    struct cfg_rc rc[CFG_MAX_RC];
    int nrc;
    /* storage for the unescaped strings the pointers above point into */
    char pool[CFG_MAX_INPUT + 16];
    size_t pool_used;
};

/*
 * Parses len bytes of JSON text into cfg. Returns 0 on success; otherwise -1 with a
 * message in err such as
 *   "at byte 57: expected ',' or '}' after an object member, found 'x'"
 *   "at byte 12: \"net.addr\" must be a string, found a number"
 */
int config_parse(const char *text, size_t len, struct config *cfg, char *err, size_t errlen);

/*
 * Finds the JSON in a raw kernel command line: the text after the first " -- ",
 * without the trailing newline and without the " virtio_mmio.device=..." words that
 * QEMU's -M microvm appends to the command line. Returns NULL when there is no " -- ".
 */
const char *config_find_json(const char *cmdline, size_t *len);

/* "16" or "255.255.0.0" -> 16. Returns -1 (and a message) when invalid. */
int config_mask_prefix(const char *mask, char *err, size_t errlen);

#endif
