#define _GNU_SOURCE
#include "fsck.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* struct ext2_super_block field offsets and values (e2fsprogs lib/ext2fs/ext2_fs.h) */
#define SB_MAGIC 0x38            /* s_magic, le16 */
#define SB_STATE 0x3a            /* s_state, le16 */
#define SB_FEATURE_INCOMPAT 0x60 /* s_feature_incompat, le32 */
#define EXT2_SUPER_MAGIC 0xEF53
#define EXT2_VALID_FS 0x0001              /* cleared while an ext2 (no journal) is mounted */
#define EXT2_ERROR_FS 0x0002              /* the kernel met an inconsistency */
#define EXT3_FEATURE_INCOMPAT_RECOVER 0x4 /* set while a journalled fs is mounted */

/* e2fsck(8), EXIT CODE */
#define E2FSCK_CORRECTED 1
#define E2FSCK_REBOOT 2
#define E2FSCK_UNCORRECTED 4
#define E2FSCK_OPERATIONAL_ERROR 8

static unsigned le16(const unsigned char *p) { return (unsigned)p[0] | (unsigned)p[1] << 8; }
static uint32_t le32(const unsigned char *p) { return le16(p) | (uint32_t)le16(p + 2) << 16; }

enum ext_state ext_superblock_state(const unsigned char *sb, size_t len, const char **why)
{
    *why = NULL;
    if (len < EXT_SUPERBLOCK_SIZE || le16(sb + SB_MAGIC) != EXT2_SUPER_MAGIC)
        return EXT_NOT_EXT;
    unsigned state = le16(sb + SB_STATE);
    if (state & EXT2_ERROR_FS)
        *why = "the kernel recorded errors on it";
    else if (le32(sb + SB_FEATURE_INCOMPAT) & EXT3_FEATURE_INCOMPAT_RECOVER)
        *why = "its journal needs recovery: the guest stopped without unmounting it";
    else if (!(state & EXT2_VALID_FS))
        *why = "it was not cleanly unmounted";
    return *why ? EXT_NEEDS_CHECK : EXT_CLEAN;
}

const char *e2fsck_outcome(int status, int *mountable)
{
    *mountable = (status & ~(E2FSCK_CORRECTED | E2FSCK_REBOOT)) == 0;
    if (status == 0)
        return "no errors";
    if (*mountable)
        return "errors corrected";
    if (status & E2FSCK_UNCORRECTED)
        return "errors left uncorrected";
    return "e2fsck failed to run its check";
}

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    dprintf(2, "init: %s\n", buf);
}

/* runs e2fsck with the options, the console as its stdout/stderr; its exit status, or -1 */
static int run_e2fsck(const char *opts, const char *dev)
{
    note("%s %s %s", FSCK_E2FSCK, opts, dev);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        char *argv[] = {"e2fsck", (char *)opts, (char *)dev, NULL};
        execv(FSCK_E2FSCK, argv);
        _exit(127);
    }
    int ws;
    while (waitpid(pid, &ws, 0) < 0)
        if (errno != EINTR)
            return -1;
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) == 127) /* killed, or the execv above failed */
        return -1;
    return WEXITSTATUS(ws);
}

int fsck_disk(const char *dev, char *err, size_t errlen)
{
    unsigned char sb[EXT_SUPERBLOCK_SIZE];
    int fd = open(dev, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errlen, "cannot open %s to check it: %s", dev, strerror(errno));
        return -1;
    }
    ssize_t n = pread(fd, sb, sizeof sb, EXT_SUPERBLOCK_OFFSET);
    close(fd);
    const char *why;
    if (ext_superblock_state(sb, n < 0 ? 0 : (size_t)n, &why) != EXT_NEEDS_CHECK)
        return 0;
    if (access(FSCK_E2FSCK, X_OK) < 0) {
        note("warning: %s needs a check (%s) but this guest has no %s: mounting it unchecked", dev, why,
             FSCK_E2FSCK);
        return 0;
    }
    note("%s needs a check: %s", dev, why);
    /* -p repairs what is safe without a person; what it refuses, -y repairs as e2fsck proposes,
     * as nobody can answer its questions in a guest */
    int status = run_e2fsck("-p", dev);
    if (status >= 0 && status < E2FSCK_OPERATIONAL_ERROR && (status & E2FSCK_UNCORRECTED))
        status = run_e2fsck("-fy", dev);
    int mountable;
    const char *outcome = status < 0 ? "e2fsck could not be started" : e2fsck_outcome(status, &mountable);
    if (status < 0 || !mountable) {
        snprintf(err, errlen, "%s: %s (e2fsck status %d): the data image needs a repair by hand", dev,
                 outcome, status);
        return -1;
    }
    note("%s checked: %s (e2fsck status %d)", dev, outcome, status);
    return 0;
}
