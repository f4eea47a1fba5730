/* Unit tests of the cpio reader (lib/cpio.c) and the web root lookup (apps/httpd/webroot.c). */
#include "check.h"
#include "mime.h"
#include "uk/cpio.h"
#include "webroot.h"

#include <stdlib.h>
#include <string.h>

static unsigned char *archive;
static size_t archive_len;

static int load(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    archive = malloc(1 << 20);
    archive_len = fread(archive, 1, 1 << 20, f);
    fclose(f);
    return 0;
}

static void test_entries(void)
{
    const char *name = "reads_cpio_tool_output";
    struct uk_cpio a = {archive, archive_len};
    size_t files, bytes;
    CHECK(name, uk_cpio_stats(&a, &files, &bytes) == 0);
    CHECK(name, files == 4 && bytes == 14 + 11 + 20 + 3000);
    struct uk_cpio_entry e;
    CHECK(name, uk_cpio_find(&a, "docs/style.css", 14, &e) == 0);
    CHECK(name, e.size == 20 && memcmp(e.data, "body { color: red }\n", 20) == 0);
    CHECK(name, (e.mode & UK_CPIO_MODE_TYPE) == UK_CPIO_MODE_FILE);
    CHECK(name, uk_cpio_find(&a, "docs", 4, &e) == 0 && (e.mode & UK_CPIO_MODE_TYPE) == UK_CPIO_MODE_DIR);
    CHECK(name, uk_cpio_find(&a, "nope", 4, &e) == -1);
    CHECK(name, uk_cpio_is_dir(&a, "docs/empty", 10) && uk_cpio_is_dir(&a, "", 0) && !uk_cpio_is_dir(&a, "img/logo.png", 12));
    pass(name);
}

static void test_webroot(void)
{
    const char *name = "webroot_index_and_types";
    struct uk_cpio a = {archive, archive_len};
    struct uk_cpio_entry e;
    char resolved[WEBROOT_PATH_MAX];
    CHECK(name, webroot_lookup(&a, "", 0, &e, resolved, sizeof resolved) == 0 && strcmp(resolved, "index.html") == 0);
    CHECK(name, e.size == 14);
    CHECK(name, webroot_lookup(&a, "docs", 4, &e, resolved, sizeof resolved) == 0 &&
                    strcmp(resolved, "docs/index.html") == 0);
    CHECK(name, webroot_lookup(&a, "docs/empty", 10, &e, resolved, sizeof resolved) == -1);
    CHECK(name, webroot_lookup(&a, "missing.html", 12, &e, resolved, sizeof resolved) == -1);
    CHECK(name, webroot_lookup(&a, "img/logo.png", 12, &e, resolved, sizeof resolved) == 0 && e.size == 3000);
    CHECK(name, strcmp(mime_type("img/logo.png", 12), "image/png") == 0);
    CHECK(name, strncmp(mime_type("a/INDEX.HTML", 12), "text/html", 9) == 0);
    CHECK(name, strcmp(mime_type("README", 6), "application/octet-stream") == 0);
    CHECK(name, strcmp(mime_type("dir.html/file", 13), "application/octet-stream") == 0);
    pass(name);
}

/* Every truncation and many corruptions of the archive: no read outside it, no entry past it. */
static void test_malformed(void)
{
    const char *name = "truncated_and_corrupt_archives";
    for (size_t cut = 0; cut < archive_len; cut += 7) {
        unsigned char *copy = malloc(cut ? cut : 1);
        memcpy(copy, archive, cut);
        struct uk_cpio a = {copy, cut};
        size_t off = 0, prev = 0;
        struct uk_cpio_entry e;
        int r;
        while ((r = uk_cpio_next(&a, &off, &e)) == 1) {
            CHECK(name, off > prev && off <= ((cut + 3) & ~(size_t)3));
            CHECK(name, (const unsigned char *)e.data + e.size <= copy + cut);
            prev = off;
        }
        CHECK(name, r == 0 || r == -1);
        free(copy);
    }
    unsigned char *copy = malloc(archive_len);
    for (size_t at = 0; at < 110; at++) {
        memcpy(copy, archive, archive_len);
        copy[at] = 'z';
        struct uk_cpio a = {copy, archive_len};
        size_t files, bytes;
        CHECK(name, uk_cpio_stats(&a, &files, &bytes) <= 0);
    }
    free(copy);
    struct uk_cpio none = {(const unsigned char *)"not a cpio archive at all", 25};
    size_t files, bytes;
    CHECK(name, uk_cpio_stats(&none, &files, &bytes) == -1);
    pass(name);
}

int main(int argc, char **argv)
{
    if (argc != 2 || load(argv[1]) != 0) {
        printf("FAIL fixture: usage: test_cpio FIXTURE.cpio (made by fixture-root.sh)\n");
        return 1;
    }
    test_entries();
    test_webroot();
    test_malformed();
    return summary();
}
