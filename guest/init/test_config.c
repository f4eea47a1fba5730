/* Unit tests of the guest configuration parser (config.c). Run: make test */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;
static struct config cfg;
static char err[CFG_ERR_LEN];

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s: %s (line %d)%s%s\n", name, #cond, __LINE__,       \
                   err[0] ? " error: " : "", err);                             \
            failed++;                                                          \
            return;                                                            \
        }                                                                      \
    } while (0)

static int parse(const char *json)
{
    return config_parse(json, strlen(json), &cfg, err, sizeof err);
}

static void pass(const char *name, const char *detail)
{
    printf("PASS %s%s%s\n", name, detail ? ": " : "", detail ? detail : "");
    passed++;
}

/* expects a parse error at byte `at` whose message contains `what` */
static void expect_error(const char *name, const char *json, size_t len, long at, const char *what)
{
    int r = config_parse(json, len, &cfg, err, sizeof err);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "at byte %ld: ", at);
    CHECK(r == -1);
    CHECK(strncmp(err, prefix, strlen(prefix)) == 0);
    CHECK(strstr(err, what) != NULL);
    pass(name, err);
}

#define ERR(name, json, at, what) expect_error(name, json, strlen(json), at, what)

static void test_full(void)
{
    const char *name = "valid_full_config";
    const char *json =
        "{\"hostname\":\"nginx\",\"dns\":\"172.17.0.1\","
        "\"net\":{\"if\":\"eth0\",\"type\":\"inet\",\"method\":\"static\",\"addr\":\"172.17.0.2\","
        "\"mask\":\"16\",\"gw\":\"172.17.0.1\"},"
        "\"blk\":[{\"source\":\"dev\",\"path\":\"/dev/vda\",\"fstype\":\"iso9660\",\"mountpoint\":\"/etc\"},"
        "{\"source\":\"dev\",\"path\":\"/dev/vdb\",\"fstype\":\"ext2\",\"mountpoint\":\"/data\"}],"
        "\"env\":[\"PHP_FCGI_CHILDREN=0\"],"
        "\"rc\":[{\"bin\":\"/usr/sbin/nginx\",\"argv\":[\"-c\",\"/etc/nginx/nginx.conf\"],\"runmode\":\"\"}]}";
    err[0] = 0;
    CHECK(parse(json) == 0);
    CHECK(!strcmp(cfg.hostname, "nginx"));
    CHECK(!strcmp(cfg.dns, "172.17.0.1"));
    CHECK(cfg.net.present);
    CHECK(!strcmp(cfg.net.ifname, "eth0"));
    CHECK(!strcmp(cfg.net.addr, "172.17.0.2"));
    CHECK(cfg.net.prefix == 16);
    CHECK(!strcmp(cfg.net.gw, "172.17.0.1"));
    CHECK(cfg.nblk == 2);
    CHECK(!strcmp(cfg.blk[0].path, "/dev/vda") && !strcmp(cfg.blk[0].fstype, "iso9660"));
    CHECK(!strcmp(cfg.blk[1].mountpoint, "/data") && !strcmp(cfg.blk[1].fstype, "ext2"));
    CHECK(cfg.nenv == 1 && !strcmp(cfg.env[0], "PHP_FCGI_CHILDREN=0") && cfg.env[1] == NULL);
    CHECK(cfg.nrc == 1);
    CHECK(cfg.rc[0].argc == 3);
    CHECK(!strcmp(cfg.rc[0].argv[0], "/usr/sbin/nginx"));
    CHECK(!strcmp(cfg.rc[0].argv[1], "-c"));
    CHECK(!strcmp(cfg.rc[0].argv[2], "/etc/nginx/nginx.conf"));
    CHECK(cfg.rc[0].argv[3] == NULL);
    CHECK(!cfg.rc[0].background);
    pass(name, NULL);
}

static void test_minimal(void)
{
    const char *name = "missing_optional_keys";
    err[0] = 0;
    CHECK(parse("{\"rc\":[{\"bin\":\"/bin/app\"}]}") == 0);
    CHECK(cfg.hostname == NULL && cfg.dns == NULL && !cfg.net.present);
    CHECK(cfg.nblk == 0 && cfg.nenv == 0 && cfg.env[0] == NULL);
    CHECK(cfg.nrc == 1 && cfg.rc[0].argc == 1 && cfg.rc[0].argv[1] == NULL);
    CHECK(!cfg.rc[0].background);
    /* net without if/type/method/gw: defaults */
    CHECK(parse("{\"net\":{\"addr\":\"10.0.2.15\",\"mask\":\"24\"},\"rc\":[{\"bin\":\"/a\"}]}") == 0);
    CHECK(!strcmp(cfg.net.ifname, "eth0") && cfg.net.gw == NULL && cfg.net.prefix == 24);
    pass(name, NULL);
}

static void test_runmode_and_order(void)
{
    const char *name = "runmode_background_and_order";
    err[0] = 0;
    CHECK(parse(" {\"rc\":[{\"bin\":\"/a\",\"runmode\":\"&\"},{\"bin\":\"/b\",\"argv\":[],\"runmode\":\"x\"}],"
                "\"unknown\":{\"nested\":[1,2.5e3,-0.5,true,false,null]}}\n") == 0);
    CHECK(cfg.nrc == 2);
    CHECK(cfg.rc[0].background && !cfg.rc[1].background);
    CHECK(!strcmp(cfg.rc[1].bin, "/b") && cfg.rc[1].argc == 1);
    pass(name, NULL);
}

static void test_blk_object(void)
{
    const char *name = "blk_single_object_rumprun_style";
    err[0] = 0;
    CHECK(parse("{\"blk\":{\"path\":\"/dev/vda\",\"fstype\":\"ext2\",\"mountpoint\":\"/data\"},"
                "\"rc\":[{\"bin\":\"/a\"}]}") == 0);
    CHECK(cfg.nblk == 1 && !strcmp(cfg.blk[0].source, "dev"));
    pass(name, NULL);
}

static void test_escapes(void)
{
    const char *name = "escaped_strings";
    err[0] = 0;
    CHECK(parse("{\"rc\":[{\"bin\":\"\\/bin\\/sh\",\"argv\":[\"a \\\"quoted\\\" word\",\"back\\\\slash\","
                "\"tab\\there\\nnl\",\"\\u00e9\\u20ac\\ud83d\\ude00\",\"-- \"]}]}") == 0);
    CHECK(!strcmp(cfg.rc[0].bin, "/bin/sh"));
    CHECK(!strcmp(cfg.rc[0].argv[1], "a \"quoted\" word"));
    CHECK(!strcmp(cfg.rc[0].argv[2], "back\\slash"));
    CHECK(!strcmp(cfg.rc[0].argv[3], "tab\there\nnl"));
    CHECK(!strcmp(cfg.rc[0].argv[4], "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
    CHECK(!strcmp(cfg.rc[0].argv[5], "-- "));
    pass(name, NULL);
}

static void test_masks(void)
{
    const char *name = "prefix_vs_dotted_mask";
    char e[128];
    err[0] = 0;
    CHECK(config_mask_prefix("16", e, sizeof e) == 16);
    CHECK(config_mask_prefix("0", e, sizeof e) == 0);
    CHECK(config_mask_prefix("32", e, sizeof e) == 32);
    CHECK(config_mask_prefix("255.255.0.0", e, sizeof e) == 16);
    CHECK(config_mask_prefix("255.255.255.0", e, sizeof e) == 24);
    CHECK(config_mask_prefix("255.255.255.255", e, sizeof e) == 32);
    CHECK(config_mask_prefix("0.0.0.0", e, sizeof e) == 0);
    CHECK(config_mask_prefix("255.255.240.0", e, sizeof e) == 20);
    CHECK(config_mask_prefix("33", e, sizeof e) == -1);
    CHECK(config_mask_prefix("255.0.255.0", e, sizeof e) == -1 && strstr(e, "not contiguous"));
    CHECK(config_mask_prefix("1x", e, sizeof e) == -1);
    CHECK(config_mask_prefix("255.255.0", e, sizeof e) == -1);
    CHECK(parse("{\"net\":{\"addr\":\"10.0.0.2\",\"mask\":\"255.255.255.0\"},\"rc\":[{\"bin\":\"/a\"}]}") == 0);
    CHECK(cfg.net.prefix == 24);
    CHECK(parse("{\"net\":{\"addr\":\"10.0.0.2\",\"mask\":8},\"rc\":[{\"bin\":\"/a\"}]}") == 0);
    CHECK(cfg.net.prefix == 8);
    pass(name, NULL);
    ERR("bad_mask_error", "{\"net\":{\"addr\":\"10.0.0.2\",\"mask\":\"255.0.255.0\"},\"rc\":[{\"bin\":\"/a\"}]}",
        33, "not contiguous");
}

static void test_find_json(void)
{
    const char *name = "find_json_in_cmdline";
    size_t len;
    const char *j;
    err[0] = 0;
    j = config_find_json("console=ttyS0 panic=-1 -- {\"rc\":[{\"bin\":\"/a b\"}]}\n", &len);
    CHECK(j && len == 23 && !strncmp(j, "{\"rc\":[{\"bin\":\"/a b\"}]}", len));
    j = config_find_json("-- {\"rc\":[]}", &len);
    CHECK(j && len == 9);
    j = config_find_json("console=ttyS0 -- {\"a\":\" -- \"} virtio_mmio.device=512@0xfeb00e00:12 "
                         "virtio_mmio.device=512@0xfeb00c00:11\n", &len);
    CHECK(j && len == 12 && !strncmp(j, "{\"a\":\" -- \"}", len));
    CHECK(config_find_json("console=ttyS0 quiet\n", &len) == NULL);
    pass(name, NULL);
}

static void test_errors(void)
{
    ERR("empty", "", 0, "empty configuration");
    ERR("truncated", "{\"rc\":[{\"bin\":\"/a\"}", 19, "the end of the text");
    ERR("truncated_after_key", "{\"rc\"", 5, "expected ':'");
    ERR("trailing_garbage", "{\"rc\":[{\"bin\":\"/a\"}]} x", 22, "trailing garbage");
    ERR("two_values", "{\"rc\":[{\"bin\":\"/a\"}]}{}", 21, "trailing garbage");
    ERR("unterminated_string", "{\"rc\":[{\"bin\":\"/usr/bin", 23, "unterminated string (it starts at byte 14)");
    ERR("wrong_type_rc", "{\"rc\":\"/bin/app\"}", 6, "\"rc\" must be an array, found a string");
    ERR("wrong_type_argv_elem", "{\"rc\":[{\"bin\":\"/a\",\"argv\":[\"x\",1]}]}", 31,
        "\"rc[0].argv[1]\" must be a string, found a number");
    ERR("wrong_type_net", "{\"net\":[],\"rc\":[{\"bin\":\"/a\"}]}", 7, "\"net\" must be an object, found an array");
    ERR("wrong_type_hostname", "{\"hostname\":true,\"rc\":[{\"bin\":\"/a\"}]}", 12, "\"hostname\" must be a string");
    ERR("wrong_type_root", "[1,2]", 0, "must be a JSON object, found an array");
    ERR("missing_rc", "{\"hostname\":\"x\"}", 0, "needs \"rc\"");
    ERR("empty_rc", "{\"rc\":[]}", 6, "\"rc\" is empty");
    ERR("missing_bin", "{\"rc\":[{\"argv\":[]}]}", 7, "\"rc[0]\" needs \"bin\"");
    ERR("bad_address", "{\"net\":{\"addr\":\"10.0.0.300\",\"mask\":\"24\"},\"rc\":[{\"bin\":\"/a\"}]}", 15,
        "\"net.addr\" is not a dotted IPv4 address");
    ERR("missing_addr", "{\"net\":{\"mask\":\"24\"},\"rc\":[{\"bin\":\"/a\"}]}", 7, "\"net\" needs \"addr\"");
    ERR("dhcp_unsupported", "{\"net\":{\"method\":\"dhcp\"},\"rc\":[{\"bin\":\"/a\"}]}", 17, "not supported");
    ERR("env_without_equals", "{\"env\":[\"FOO\"],\"rc\":[{\"bin\":\"/a\"}]}", 8, "NAME=value");
    ERR("blk_missing_fstype", "{\"blk\":[{\"path\":\"/dev/vda\",\"mountpoint\":\"/d\"}],\"rc\":[{\"bin\":\"/a\"}]}", 8,
        "needs \"fstype\"");
    ERR("missing_comma", "{\"rc\":[{\"bin\":\"/a\"} {\"bin\":\"/b\"}]}", 20, "expected ',' or ']'");
    ERR("missing_colon", "{\"rc\" [1]}", 6, "expected ':' after the key \"rc\"");
    ERR("trailing_comma", "{\"rc\":[{\"bin\":\"/a\"}],}", 21, "expected a string key");
    ERR("single_quotes", "{'rc':[]}", 1, "expected a string key or '}'");
    ERR("bad_literal", "{\"rc\":tru}", 6, "expected 'true'");
    ERR("bad_number", "{\"rc\":01}", 7, "expected ',' or '}'");
    ERR("bad_number_minus", "{\"rc\":-x}", 7, "invalid number");
    ERR("bad_escape", "{\"rc\":[{\"bin\":\"/a\\q\"}]}", 17, "invalid escape \\'q'");
    ERR("bad_unicode_escape", "{\"rc\":[{\"bin\":\"\\u12G4\"}]}", 15, "expected 4 hex digits");
    ERR("nul_escape", "{\"rc\":[{\"bin\":\"\\u0000\"}]}", 15, "\\u0000 is not allowed");
    ERR("control_char_in_string", "{\"rc\":[{\"bin\":\"a\nb\"}]}", 16, "control character 0x0a");
    expect_error("nul_byte", "{\"rc\":\0}", 8, 6, "NUL byte");

    /* too deep: 9 nested arrays under an ignored key */
    ERR("too_deep_nesting", "{\"x\":[[[[[[[[[]]]]]]]]],\"rc\":[{\"bin\":\"/a\"}]}", 12, "nesting deeper than 8 levels");

    /* oversized */
    static char big[CFG_MAX_INPUT + 100];
    memset(big, ' ', sizeof big);
    memcpy(big, "{\"rc\":[{\"bin\":\"/a\"}]}", 21);
    expect_error("oversized", big, sizeof big, CFG_MAX_INPUT, "more than the 4096 allowed");

    /* too many values: 600 numbers */
    static char many[CFG_MAX_INPUT];
    size_t n = (size_t)sprintf(many, "{\"x\":[");
    for (int i = 0; i < 600; i++)
        n += (size_t)sprintf(many + n, "%s0", i ? "," : "");
    sprintf(many + n, "]}");
    ERR("too_many_values", many, 6 + 2 * (CFG_MAX_NODES - 2), "more than 512 JSON values");
}

int main(void)
{
    test_full();
    test_minimal();
    test_runmode_and_order();
    test_blk_object();
    test_escapes();
    test_masks();
    test_find_json();
    test_errors();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
