/*
 * unikernel/httpd: a static web server linked with its own kernel. The web root is the
 * initrd (a newc cpio archive); the configuration is the rumprun JSON after " -- ".
 */
#include "server.h"

#include "uk/alloc.h"
#include "uk/appconfig.h"
#include "uk/boot.h"
#include "uk/console.h"
#include "uk/cpio.h"
#include "uk/exit.h"
#include "uk/net.h"
#include "uk/netdev.h"
#include "uk/time.h"

#include <stdlib.h>
#include <string.h>

#define PROGRAM "httpd"
#define DEFAULT_PORT 80
#define ERR_LEN 320

/* rc[0].argv: "-p PORT" is the only option. */
static uint16_t port_from_args(int argc, const char *const *argv)
{
    long port = DEFAULT_PORT;
    for (int i = 1; i < argc; i++) {
        char *end;
        if (strcmp(argv[i], "-p") == 0 && i + 1 < argc) {
            port = strtol(argv[++i], &end, 10);
            if (*end != '\0' || port < 1 || port > 65535)
                uk_fatal(UK_EXIT_CONFIG, "httpd: -p \"%s\" is not a TCP port (1-65535)", argv[i]);
        } else {
            uk_fatal(UK_EXIT_CONFIG, "httpd: unknown argument \"%s\" in rc[0].argv (only -p PORT)", argv[i]);
        }
    }
    return (uint16_t)port;
}

int uk_main(const struct uk_boot_info *boot)
{
    static struct uk_app_config cfg;
    static struct uk_cpio root;
    char err[ERR_LEN];
    if (uk_app_config_read(boot->cmdline, PROGRAM, &cfg, err, sizeof err) != 0)
        uk_fatal(UK_EXIT_CONFIG, "httpd: %s", err);
    uint16_t port = port_from_args(cfg.argc, cfg.argv);

    root.base = boot->initrd;
    root.len = boot->initrd_size;
    size_t files = 0, bytes = 0;
    if (root.base && uk_cpio_stats(&root, &files, &bytes) < 0)
        uk_fatal(UK_EXIT_FATAL, "httpd: the initrd is not a newc cpio archive: no web root");

    struct uk_netdev *nd = uk_netdev_open(err, sizeof err);
    if (nd == NULL)
        uk_fatal(UK_EXIT_FATAL, "httpd: %s", err);
    uk_net_start(nd, cfg.addr, cfg.netmask, cfg.gw, cfg.hostname);
    if (server_start(&root, port) != 0)
        uk_fatal(UK_EXIT_FATAL, "httpd: cannot listen on TCP port %u", port);
    uint64_t ready_us = uk_us_since(boot->boot_tsc); /* listening: the banner below is not part of it */

    uint8_t mac[6];
    uk_netdev_mac(nd, mac);
    uk_printf("httpd: unikernel/httpd, a unikernel: one program on its own kernel, no Linux\n");
    uk_printf("httpd: kernel and program %zu KiB in memory, %zu MiB RAM, TSC %llu kHz\n", boot->image_bytes / 1024,
              boot->ram_bytes >> 20, (unsigned long long)uk_tsc_khz());
    uk_printf("httpd: web root %zu files, %zu bytes (initrd)\n", files, bytes);
    uk_printf("httpd: eth0 %02x:%02x:%02x:%02x:%02x:%02x %s/%d gw %s dns %s hostname %s\n", mac[0], mac[1], mac[2],
              mac[3], mac[4], mac[5], cfg.addr_text, cfg.prefix, cfg.gw_text ? cfg.gw_text : "none",
              cfg.dns ? cfg.dns : "none", cfg.hostname);
    uk_printf("httpd: ready in %llu us, listening on :%u\n", (unsigned long long)ready_us, port);

    uk_net_run();
    uk_printf("httpd: shutdown requested (ACPI power button), powering off\n");
    return 0;
}
