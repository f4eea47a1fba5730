/*
 * The configuration adapter: the rumprun JSON on the kernel command line (read by the Linux
 * guests' own parser, guest/init/config.c, unchanged) turned into what a unikernel needs:
 * one static IPv4 address, its program's arguments, hostname and resolver.
 */
#ifndef UK_APPCONFIG_H
#define UK_APPCONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

struct uk_app_config {
    uint32_t addr, netmask, gw; /* network byte order; gw 0 when absent */
    int prefix;
    const char *addr_text, *gw_text; /* gw_text NULL when absent */
    const char *hostname;            /* "unikernel" when absent */
    const char *dns;                 /* NULL when absent */
    int argc;                        /* rc[0]'s argv, argv[0] the program */
    const char *const *argv;
    struct config parsed;            /* storage the pointers above point into */
};

/*
 * Reads the configuration from a raw command line. program: the one program this unikernel
 * is ("httpd"); rc[0].bin must name it (any directory). Returns 0, or -1 with a one-line
 * message in err.
 */
int uk_app_config_read(const char *cmdline, const char *program, struct uk_app_config *out, char *err,
                       size_t errlen);

#endif
