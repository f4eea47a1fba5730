/*
 * The check of a writable ext2/3/4 disk before init mounts it: a guest killed mid-write (docker
 * kill, docker rm -f) leaves its file system marked as not cleanly unmounted; init then runs
 * e2fsck on it, which replays the journal and repairs what it must, and says so on the console.
 */
#ifndef UNIKERNEL_FSCK_H
#define UNIKERNEL_FSCK_H

#include <stddef.h>

/* Where the superblock lies and how much of it we read (e2fsprogs lib/ext2fs/ext2_fs.h:
 * SUPERBLOCK_OFFSET, SUPERBLOCK_SIZE). */
#define EXT_SUPERBLOCK_OFFSET 1024
#define EXT_SUPERBLOCK_SIZE 1024

/* The e2fsck a payload with a data image carries (guest/apps/payload.sh). */
#define FSCK_E2FSCK "/sbin/e2fsck"

enum ext_state {
    EXT_NOT_EXT = -1,   /* no ext2/3/4 magic: not ours to check */
    EXT_CLEAN = 0,      /* cleanly unmounted, no errors recorded */
    EXT_NEEDS_CHECK = 1 /* *why says what the superblock records */
};

/* Decides from the EXT_SUPERBLOCK_SIZE bytes at EXT_SUPERBLOCK_OFFSET; len < that is EXT_NOT_EXT. */
enum ext_state ext_superblock_state(const unsigned char *sb, size_t len, const char **why);

/* e2fsck's exit status (e2fsck(8), EXIT CODE) in words; *mountable: the disk may be mounted. */
const char *e2fsck_outcome(int status, int *mountable);

/* Checks dev when its superblock asks for it, running e2fsck (FSCK_E2FSCK) with the console as
 * its output. Returns 0 when dev may be mounted, -1 (with the reason in err) when it may not. */
int fsck_disk(const char *dev, char *err, size_t errlen);

#endif
