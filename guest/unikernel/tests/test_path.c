/* Unit tests of request-target normalisation (apps/httpd/path.c). */
#include "check.h"
#include "path.h"

#include <string.h>

static char out[64];
static size_t outlen;

static int norm(const char *t) { return http_path_normalize(t, strlen(t), out, sizeof out, &outlen); }

static void ok(const char *name, const char *target, const char *want)
{
    CHECK(name, norm(target) == 0);
    CHECK(name, strcmp(out, want) == 0 && outlen == strlen(want));
    pass(name);
}

static void refused(const char *name, const char *target, int status)
{
    CHECK(name, norm(target) == status);
    pass(name);
}

int main(void)
{
    ok("root", "/", "");
    ok("plain_file", "/index.html", "index.html");
    ok("query_and_fragment_dropped", "/a/b.css?v=1#top", "a/b.css");
    ok("trailing_slash", "/docs/", "docs");
    ok("empty_and_dot_segments", "//a/./b//./c", "a/b/c");
    ok("percent_decoding", "/my%20file%2Ehtml", "my file.html");
    ok("dots_inside_names", "/a..b/...", "a..b/...");
    refused("dot_dot_refused", "/../etc/passwd", 400);
    refused("dot_dot_in_the_middle", "/a/../../b", 400);
    refused("encoded_dot_dot_refused", "/%2e%2E/secret", 400);
    refused("encoded_slash_refused", "/a%2f..%2fb", 400);
    refused("encoded_nul_refused", "/a%00b", 400);
    refused("bad_escape", "/a%zz", 400);
    refused("truncated_escape", "/a%2", 400);
    refused("not_origin_form", "index.html", 400);
    refused("too_long", "/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 414);
    return summary();
}
