/*
 * init: PID 1 of every unikernel guest. Reads the guest configuration (JSON after the
 * first " -- " of /proc/cmdline, see config.h), mounts, configures the network, runs the
 * "rc" programs and turns their exit status into QEMU's exit status:
 *
 *   foreground program exits 0, or dies of SIGTERM  -> sync, reboot(RESTART); with
 *       QEMU -no-reboot that makes QEMU exit 0
 *   exits N (1..255), or dies of signal S (N=128+S) -> N written to the isa-debug-exit
 *       port 0xf4; QEMU exits (N<<1)|1. Without that device: reboot (QEMU exits 0)
 *   configuration error                             -> "init: FATAL: ..." and N=2
 *   kernel panic                                    -> pvpanic-pci; QEMU exits 1 with
 *       -action panic=exit-failure
 *
 * SIGTERM, SIGINT (ctrl-alt-del, e.g. QMP send-key ctrl-alt-delete) and SIGPWR to init
 * stop the guest gracefully: SIGTERM to every process, up to 5 s grace, SIGKILL, writable
 * disks unmounted, power off with the foreground program's status (0 when it died of SIGTERM).
 * Every way out ends the processes and unmounts the writable disks first, so that the next
 * boot finds them clean; a disk that was not (the guest was killed) is checked before it is
 * mounted (fsck.c).
 *
 * This file: the mounts, the configuration, the way out of the VM and the order of it all. The
 * network is set up in net.c, the rc programs are supervised in supervise.c.
 */
#define _GNU_SOURCE
#include "config.h"
#include "fsck.h"
#include "init.h"
#include "net.h"
#include "supervise.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT 0xf4
void say(const char *fmt, ...)
{
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "init: ");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + n, sizeof buf - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t l = strlen(buf);
    buf[l++] = '\n';
    ssize_t w = write(2, buf, l);
    (void)w;
}

/* the writable disks mounted so far, unmounted (last first) on the way out */
static const char *mounted[CFG_MAX_BLK];
static int nmounted;

static void unmount_disks(void)
{
    while (nmounted > 0) {
        const char *mp = mounted[--nmounted];
        if (umount(mp) == 0) {
            say("unmounted %s", mp);
            continue;
        }
        int why = errno;
        if (mount(NULL, mp, NULL, MS_REMOUNT | MS_RDONLY, NULL) == 0)
            say("cannot unmount %s (%s): remounted it read-only", mp, strerror(why));
        else
            say("warning: cannot unmount %s (%s) nor remount it read-only (%s): the next boot checks it", mp,
                strerror(why), strerror(errno));
    }
}

/* Leaves the VM. status 0: clean power-off; otherwise QEMU exits (status<<1)|1. */
static void __attribute__((noreturn)) leave(int status)
{
    sync();
    unmount_disks();
    if (status != 0) {
        /* /dev/port needs no ioperm() (a kernel without CONFIG_X86_IOPL_IOPERM has none) */
        unsigned char v = (unsigned char)status;
        int fd = open("/dev/port", O_WRONLY | O_CLOEXEC);
        if (fd >= 0) {
            ssize_t w = pwrite(fd, &v, 1, DEBUG_EXIT_PORT);
            (void)w;
            close(fd);
        }
        if (ioperm(DEBUG_EXIT_PORT, 4, 1) == 0)
            outb(v, DEBUG_EXIT_PORT);
        /* still here: no isa-debug-exit device */
        say("no isa-debug-exit device at 0x%x: powering off with status 0 instead of %d",
            DEBUG_EXIT_PORT, status);
    }
    reboot(RB_AUTOBOOT);
    /* not reached; if it were, PID 1 must not exit (that panics) */
    for (;;)
        pause();
}

void fatal(const char *fmt, ...)
{
    char buf[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    say("FATAL: %s", buf);
    leave(2);
}

long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void mkdirs(const char *path, mode_t mode)
{
    char tmp[512];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *s = tmp + 1; *s; s++) {
        if (*s == '/') {
            *s = '\0';
            mkdir(tmp, 0755);
            *s = '/';
        }
    }
    mkdir(tmp, mode);
}

static void mount_or_die(const char *src, const char *dst, const char *type, unsigned long flags,
                         const char *data, mode_t mode)
{
    mkdirs(dst, mode);
    if (mount(src, dst, type, flags, data) < 0 && errno != EBUSY)
        fatal("cannot mount %s (%s) on %s: %s", src, type, dst, strerror(errno));
}

/* The image's own /run and /tmp subdirectories (e.g. /run/mysqld owned by mysql) would
 * be hidden by the tmpfs mounted over them: remember them and recreate them inside. */
#define SKEL_MAX 64
struct skel {
    char path[256];
    mode_t mode;
    uid_t uid;
    gid_t gid;
};
static struct skel skel[SKEL_MAX];
static int nskel;

static void skel_collect(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && nskel < SKEL_MAX) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char path[256];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path)
            continue;
        if (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
            continue;
        struct skel *k = &skel[nskel++];
        snprintf(k->path, sizeof k->path, "%s", path);
        k->mode = st.st_mode & 07777;
        k->uid = st.st_uid;
        k->gid = st.st_gid;
        if (depth < 4)
            skel_collect(path, depth + 1);
    }
    closedir(d);
}

static void mount_tmpfs_keeping_dirs(const char *dst, const char *opts, mode_t mode)
{
    int first = nskel;
    skel_collect(dst, 0);
    mount_or_die("tmpfs", dst, "tmpfs", MS_NOSUID | MS_NODEV, opts, mode);
    for (int i = first; i < nskel; i++) {
        mkdir(skel[i].path, skel[i].mode);
        if (chown(skel[i].path, skel[i].uid, skel[i].gid) < 0 || chmod(skel[i].path, skel[i].mode) < 0)
            say("warning: cannot recreate %s: %s", skel[i].path, strerror(errno));
    }
}

static void setup_console(void)
{
    /* the kernel gives init /dev/console only if the initramfs has that node */
    if (fcntl(1, F_GETFD) >= 0 && fcntl(2, F_GETFD) >= 0)
        return;
    int fd = open("/dev/console", O_RDWR | O_NOCTTY);
    if (fd < 0)
        return;
    for (int i = 0; i < 3; i++)
        if (fcntl(i, F_GETFD) < 0)
            dup2(fd, i);
    if (fd > 2)
        close(fd);
}

static char *read_cmdline(void)
{
    static char buf[CFG_MAX_INPUT + 4096];
    int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fatal("cannot open /proc/cmdline: %s", strerror(errno));
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf + n, sizeof buf - 1 - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            fatal("cannot read /proc/cmdline: %s", strerror(errno));
        if (r == 0 || (n += (size_t)r) == sizeof buf - 1)
            break;
    }
    close(fd);
    buf[n] = '\0';
    return buf;
}

int wait_for(int (*present)(const char *), const char *what, long ms)
{
    long deadline = now_ms() + ms;
    while (!present(what)) {
        if (now_ms() >= deadline)
            return -1;
        sleep_ms(20);
    }
    return 0;
}

static int path_present(const char *p) { return access(p, F_OK) == 0; }
int if_present(const char *p) { return if_nametoindex(p) != 0; }

/*
 * Debian's generic kernel, the fallback guest kernel, has virtio and iso9660 as modules: its
 * initramfs lists them in /usr/lib/modules/load, dependencies first. Our own kernel has them
 * built in and its initramfs has no such list.
 */
static void load_modules(void)
{
    FILE *list = fopen("/usr/lib/modules/load", "re");
    if (!list)
        return;
    char name[256];
    while (fgets(name, sizeof name, list)) {
        name[strcspn(name, "\r\n")] = 0;
        if (!name[0])
            continue;
        char path[300];
        snprintf(path, sizeof path, "/usr/lib/modules/%s", name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            fatal("cannot open kernel module %s: %s", path, strerror(errno));
        if (syscall(SYS_finit_module, fd, "", 0) < 0 && errno != EEXIST)
            fatal("cannot load kernel module %s: %s", path, strerror(errno));
        close(fd);
    }
    fclose(list);
    say("loaded the kernel modules listed in /usr/lib/modules/load");
}

static void mount_blk(const struct cfg_blk *b)
{
    int ro = !strcmp(b->fstype, "iso9660") || !strcmp(b->fstype, "udf");
    if (wait_for(path_present, b->path, 5000) < 0)
        fatal("mounting %s on %s: %s does not exist (is the disk attached?)", b->path, b->mountpoint, b->path);
    mkdirs(b->mountpoint, 0755);
    char err[512];
    if (!ro && fsck_disk(b->path, err, sizeof err) < 0)
        fatal("%s", err);
    /* A container can be removed with SIGKILL (docker rm -f), which ends QEMU before the guest
     * could flush its page cache: writable disks are mounted synchronous, so what the
     * application wrote is on the image once its write returns (the application's write, not
     * the application's transaction: that stays the application's job, e.g. InnoDB's fsync),
     * and the journal keeps the file system itself consistent. */
    if (mount(b->path, b->mountpoint, b->fstype, ro ? MS_RDONLY : MS_SYNCHRONOUS | MS_DIRSYNC, NULL) < 0)
        fatal("cannot mount %s (%s) on %s: %s", b->path, b->fstype, b->mountpoint, strerror(errno));
    if (!ro)
        mounted[nmounted++] = b->mountpoint;
    say("mounted %s (%s%s) on %s", b->path, b->fstype, ro ? ", read-only" : "", b->mountpoint);
}

int main(void)
{
    setup_console();
    if (getpid() != 1)
        say("warning: not PID 1");

    sigset_t stopset, oldmask;
    supervise_signals(&stopset, &oldmask);
    reboot(RB_DISABLE_CAD); /* ctrl-alt-del -> SIGINT to us */

    mount_or_die("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555);
    mount_or_die("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL, 0555);
    mount_or_die("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755", 0755);
    setup_console();
    load_modules();
    mount_tmpfs_keeping_dirs("/tmp", "mode=1777", 01777);
    mount_tmpfs_keeping_dirs("/run", "mode=0755", 0755);

    char *cmdline = read_cmdline();
    size_t jlen;
    const char *json = config_find_json(cmdline, &jlen);
    if (!json)
        fatal("no configuration: the kernel command line has no \" -- \" followed by the JSON configuration");
    static struct config cfg;
    char err[CFG_ERR_LEN];
    if (config_parse(json, jlen, &cfg, err, sizeof err) < 0)
        fatal("configuration (JSON after \" -- \" on the kernel command line): %s", err);

    if (cfg.hostname) {
        if (sethostname(cfg.hostname, strlen(cfg.hostname)) < 0)
            fatal("cannot set the hostname to %s: %s", cfg.hostname, strerror(errno));
    }
    for (int i = 0; i < cfg.nblk; i++)
        mount_blk(&cfg.blk[i]);
    setup_net(&cfg.net);
    if (cfg.dns)
        setup_dns(cfg.dns);

    clearenv();
    setenv("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", 1);
    setenv("HOME", "/", 1);
    setenv("TERM", "linux", 1);
    if (cfg.hostname)
        setenv("HOSTNAME", cfg.hostname, 1);
    for (int i = 0; i < cfg.nenv; i++)
        if (putenv((char *)cfg.env[i]) != 0)
            fatal("cannot set %s", cfg.env[i]);

    /* a program that is not there is a configuration error, found before anything starts */
    for (int i = 0; i < cfg.nrc; i++)
        if (access(cfg.rc[i].bin, X_OK) < 0)
            fatal("rc[%d].bin %s cannot be executed: %s", i, cfg.rc[i].bin, strerror(errno));

    leave(supervise_rc(&cfg, &stopset, &oldmask));
}
