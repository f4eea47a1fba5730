#include "uk/appconfig.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static uint32_t prefix_mask(int prefix)
{
    return prefix == 0 ? 0 : htonl(0xFFFFFFFFu << (32 - prefix));
}

int uk_app_config_read(const char *cmdline, const char *program, struct uk_app_config *out, char *err,
                       size_t errlen)
{
    size_t len;
    const char *json = config_find_json(cmdline, &len);
    if (json == NULL) {
        snprintf(err, errlen, "no configuration: the kernel command line has no JSON after \" -- \"");
        return -1;
    }
    char perr[CFG_ERR_LEN];
    struct config *c = &out->parsed;
    if (config_parse(json, len, c, perr, sizeof perr) != 0) {
        snprintf(err, errlen, "bad configuration JSON: %s", perr);
        return -1;
    }
    if (!c->net.present) {
        snprintf(err, errlen, "the configuration has no \"net\": this unikernel needs a static IPv4 address");
        return -1;
    }
    const char *bin = c->rc[0].bin;
    const char *base = strrchr(bin, '/');
    base = base ? base + 1 : bin;
    if (strcmp(base, program) != 0) {
        snprintf(err, errlen, "rc[0].bin \"%s\" is not in this unikernel: it runs only \"%s\"", bin, program);
        return -1;
    }
    struct in_addr a;
    /* config_parse has checked the addresses' syntax already */
    inet_pton(AF_INET, c->net.addr, &a);
    out->addr = a.s_addr;
    out->addr_text = c->net.addr;
    out->prefix = c->net.prefix;
    out->netmask = prefix_mask(c->net.prefix);
    out->gw = 0;
    out->gw_text = NULL;
    if (c->net.gw && inet_pton(AF_INET, c->net.gw, &a) == 1) {
        out->gw = a.s_addr;
        out->gw_text = c->net.gw;
    }
    out->hostname = c->hostname && *c->hostname ? c->hostname : "unikernel";
    out->dns = c->dns && *c->dns ? c->dns : NULL;
    out->argc = c->rc[0].argc;
    out->argv = c->rc[0].argv;
    return 0;
}
