/* Unit tests of the boot-time check's decisions (fsck.c). Run: make test, which passes two images
 * made by mke2fs -t ext4: one as made, one with debugfs's "feature needs_recovery". */
#include "fsck.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s: %s (line %d)\n", name, #cond, __LINE__);          \
            failed++;                                                          \
            return;                                                            \
        }                                                                      \
    } while (0)

static void pass(const char *name)
{
    printf("PASS %s\n", name);
    passed++;
}

/* a superblock as mke2fs -t ext4 writes it: magic, s_state valid, has_journal, extents */
static void ext4_superblock(unsigned char *sb)
{
    memset(sb, 0, EXT_SUPERBLOCK_SIZE);
    sb[0x38] = 0x53;
    sb[0x39] = 0xef;
    sb[0x3a] = 0x01;
    sb[0x5c] = 0x04; /* compat: has_journal */
    sb[0x60] = 0x42; /* incompat: filetype | extent */
}

static void test_clean(void)
{
    const char *name = "clean_ext4_is_not_checked";
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    const char *why;
    ext4_superblock(sb);
    CHECK(ext_superblock_state(sb, sizeof sb, &why) == EXT_CLEAN);
    CHECK(why == NULL);
    pass(name);
}

static void test_recover(void)
{
    const char *name = "journal_needing_recovery_is_checked";
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    const char *why;
    ext4_superblock(sb);
    sb[0x60] |= 0x04;
    CHECK(ext_superblock_state(sb, sizeof sb, &why) == EXT_NEEDS_CHECK);
    CHECK(strstr(why, "journal needs recovery") != NULL);
    pass(name);
}

static void test_not_valid(void)
{
    const char *name = "ext2_left_mounted_is_checked";
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    const char *why;
    ext4_superblock(sb);
    sb[0x5c] = 0;
    sb[0x3a] = 0x00;
    CHECK(ext_superblock_state(sb, sizeof sb, &why) == EXT_NEEDS_CHECK);
    CHECK(strstr(why, "not cleanly unmounted") != NULL);
    pass(name);
}

static void test_errors(void)
{
    const char *name = "recorded_errors_are_checked";
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    const char *why;
    ext4_superblock(sb);
    sb[0x3a] = 0x03;
    CHECK(ext_superblock_state(sb, sizeof sb, &why) == EXT_NEEDS_CHECK);
    CHECK(strstr(why, "recorded errors") != NULL);
    pass(name);
}

static void test_not_ext(void)
{
    const char *name = "other_file_systems_are_left_alone";
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    const char *why;
    ext4_superblock(sb);
    CHECK(ext_superblock_state(sb, 100, &why) == EXT_NOT_EXT);
    sb[0x38] = 0;
    CHECK(ext_superblock_state(sb, sizeof sb, &why) == EXT_NOT_EXT);
    pass(name);
}

static void test_outcomes(void)
{
    const char *name = "e2fsck_statuses";
    int ok;
    CHECK(!strcmp(e2fsck_outcome(0, &ok), "no errors") && ok);
    CHECK(!strcmp(e2fsck_outcome(1, &ok), "errors corrected") && ok);
    CHECK(!strcmp(e2fsck_outcome(3, &ok), "errors corrected") && ok);
    CHECK(!strcmp(e2fsck_outcome(4, &ok), "errors left uncorrected") && !ok);
    CHECK(!strcmp(e2fsck_outcome(8, &ok), "e2fsck failed to run its check") && !ok);
    CHECK(!strcmp(e2fsck_outcome(12, &ok), "errors left uncorrected") && !ok);
    pass(name);
}

/* the superblock of an image file, as init reads it from the disk */
static size_t read_superblock(const char *image, unsigned char *sb)
{
    int fd = open(image, O_RDONLY);
    if (fd < 0)
        return 0;
    ssize_t n = pread(fd, sb, EXT_SUPERBLOCK_SIZE, EXT_SUPERBLOCK_OFFSET);
    close(fd);
    return n < 0 ? 0 : (size_t)n;
}

static void test_mke2fs_images(const char *clean, const char *recover)
{
    const char *name = "superblocks_written_by_mke2fs_and_debugfs";
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    const char *why;
    CHECK(ext_superblock_state(sb, read_superblock(clean, sb), &why) == EXT_CLEAN);
    CHECK(ext_superblock_state(sb, read_superblock(recover, sb), &why) == EXT_NEEDS_CHECK);
    CHECK(strstr(why, "journal needs recovery") != NULL);
    pass(name);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        printf("usage: test_fsck CLEAN.img RECOVER.img (make test makes them)\n");
        return 2;
    }
    test_mke2fs_images(argv[1], argv[2]);
    test_clean();
    test_recover();
    test_not_valid();
    test_errors();
    test_not_ext();
    test_outcomes();
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
