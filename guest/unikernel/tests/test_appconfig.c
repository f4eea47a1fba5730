/* Unit tests of the configuration adapter (lib/appconfig.c over guest/init/config.c). */
#include "check.h"
#include "uk/appconfig.h"

#include <arpa/inet.h>
#include <string.h>

static struct uk_app_config cfg;
static char err[320];

static int read_cmdline(const char *cmdline)
{
    err[0] = '\0';
    return uk_app_config_read(cmdline, "httpd", &cfg, err, sizeof err);
}

static void test_runner_cmdline(void)
{
    const char *name = "runner_command_line";
    /* what guest/runtime/runner passes */
    const char *c = "console=ttyS0 quiet panic=-1 no_timer_check tsc_early_khz=1996248 tsc=reliable -- "
                    "{\"hostname\":\"web\",\"dns\":\"172.17.0.1\",\"net\":{\"if\":\"eth0\",\"type\":\"inet\","
                    "\"method\":\"static\",\"addr\":\"172.17.0.5\",\"mask\":\"16\",\"gw\":\"172.17.0.1\"},"
                    "\"rc\":[{\"bin\":\"/httpd\",\"argv\":[\"-p\",\"8080\"]}]}";
    CHECK(name, read_cmdline(c) == 0);
    CHECK(name, cfg.addr == inet_addr("172.17.0.5") && cfg.gw == inet_addr("172.17.0.1"));
    CHECK(name, cfg.netmask == inet_addr("255.255.0.0") && cfg.prefix == 16);
    CHECK(name, strcmp(cfg.hostname, "web") == 0 && strcmp(cfg.dns, "172.17.0.1") == 0);
    CHECK(name, cfg.argc == 3 && strcmp(cfg.argv[1], "-p") == 0 && strcmp(cfg.argv[2], "8080") == 0);
    pass(name);
}

static void test_defaults(void)
{
    const char *name = "dotted_mask_no_gw_no_hostname";
    CHECK(name, read_cmdline("x -- {\"net\":{\"addr\":\"10.0.0.2\",\"mask\":\"255.255.255.0\"},"
                             "\"rc\":[{\"bin\":\"httpd\"}]}") == 0);
    CHECK(name, cfg.netmask == inet_addr("255.255.255.0") && cfg.gw == 0 && cfg.gw_text == NULL);
    CHECK(name, strcmp(cfg.hostname, "unikernel") == 0 && cfg.dns == NULL && cfg.argc == 1);
    pass(name);
}

static void expect_error(const char *name, const char *cmdline, const char *what)
{
    CHECK(name, read_cmdline(cmdline) == -1);
    if (strstr(err, what) == NULL)
        printf("error was: %s\n", err);
    CHECK(name, strstr(err, what) != NULL);
    CHECK(name, strchr(err, '\n') == NULL); /* one line */
    pass(name);
}

int main(void)
{
    test_runner_cmdline();
    test_defaults();
    expect_error("no_json", "console=ttyS0 quiet", "no JSON after \" -- \"");
    expect_error("bad_json", "x -- {\"net\":{\"addr\":\"10.0.0.2\"},\"rc\":[{\"bin\":\"httpd\"}",
                 "bad configuration JSON: at byte");
    /* the runner's KVM probe: no net, a program that does not exist */
    expect_error("kvm_probe_config", "x -- {\"rc\":[{\"bin\":\"/kvm-probe-not-a-program\"}]}", "no \"net\"");
    expect_error("other_program", "x -- {\"net\":{\"addr\":\"10.0.0.2\",\"mask\":\"8\"},\"rc\":[{\"bin\":\"/usr/sbin/nginx\"}]}",
                 "\"/usr/sbin/nginx\" is not in this unikernel");
    expect_error("bad_address", "x -- {\"net\":{\"addr\":\"10.0.0.300\",\"mask\":\"8\"},\"rc\":[{\"bin\":\"httpd\"}]}", "addr");
    return summary();
}
