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
 */
#define _GNU_SOURCE
#include "config.h"
#include "fsck.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netpacket/packet.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEBUG_EXIT_PORT 0xf4
/* below the runner's deadline (guest/runtime/runner: STOP_DEADLINE_S, 8 s), which is below
 * docker stop's default 10 s: the processes' grace, then the unmount and power-off */
#define STOP_GRACE_MS 5000

static volatile sig_atomic_t stop_requested;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
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

static void __attribute__((noreturn)) fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void __attribute__((noreturn)) fatal(const char *fmt, ...)
{
    char buf[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    say("FATAL: %s", buf);
    leave(2);
}

static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void sleep_ms(long ms)
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

/* waits (briefly) for a device node or interface that the kernel is still probing */
static int wait_for(int (*present)(const char *), const char *what, long ms)
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
static int if_present(const char *p) { return if_nametoindex(p) != 0; }

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

static void set_addr(int s, struct ifreq *ifr, unsigned long req, const char *addr, const char *what)
{
    struct sockaddr_in *sin = (struct sockaddr_in *)&ifr->ifr_addr;
    memset(sin, 0, sizeof *sin);
    sin->sin_family = AF_INET;
    inet_pton(AF_INET, addr, &sin->sin_addr);
    if (ioctl(s, req, ifr) < 0)
        fatal("cannot set the %s of %s to %s: %s", what, ifr->ifr_name, addr, strerror(errno));
}

static void if_up(int s, const char *name)
{
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", name);
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
        fatal("cannot read the flags of %s: %s", name, strerror(errno));
    ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
    if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0)
        fatal("cannot bring %s up: %s", name, strerror(errno));
}

/* Gratuitous ARP (request and reply, sender = target = our address), so that the host's
 * neighbour cache forgets the MAC of a previous guest that had this address. */
static void gratuitous_arp(const char *ifname, struct in_addr ip)
{
    struct ifreq ifr;
    int s = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, htons(0x0806));
    if (s < 0) {
        say("warning: no gratuitous ARP (AF_PACKET socket: %s)", strerror(errno));
        return;
    }
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", ifname);
    if (ioctl(s, SIOCGIFHWADDR, &ifr) < 0) {
        say("warning: no gratuitous ARP (hardware address of %s: %s)", ifname, strerror(errno));
        close(s);
        return;
    }
    unsigned char pkt[28];
    pkt[0] = 0; pkt[1] = 1;       /* Ethernet */
    pkt[2] = 0x08; pkt[3] = 0x00; /* IPv4 */
    pkt[4] = 6; pkt[5] = 4;
    memcpy(pkt + 8, ifr.ifr_hwaddr.sa_data, 6);
    memcpy(pkt + 14, &ip, 4);
    memcpy(pkt + 24, &ip, 4);
    struct sockaddr_ll to;
    memset(&to, 0, sizeof to);
    to.sll_family = AF_PACKET;
    to.sll_protocol = htons(0x0806);
    to.sll_ifindex = (int)if_nametoindex(ifname);
    to.sll_halen = 6;
    memset(to.sll_addr, 0xff, 6);
    for (int op = 1; op <= 2; op++) {
        pkt[6] = 0; pkt[7] = (unsigned char)op;
        if (op == 1)
            memset(pkt + 18, 0, 6);
        else
            memset(pkt + 18, 0xff, 6);
        if (sendto(s, pkt, sizeof pkt, 0, (struct sockaddr *)&to, sizeof to) < 0)
            say("warning: gratuitous ARP on %s: %s", ifname, strerror(errno));
    }
    close(s);
}

static void setup_net(const struct cfg_net *net)
{
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        fatal("cannot open an INET socket: %s", strerror(errno));
    if (if_present("lo"))
        if_up(s, "lo"); /* the kernel gives lo 127.0.0.1/8 when it comes up */
    if (!net->present) {
        close(s);
        return;
    }
    if (wait_for(if_present, net->ifname, 5000) < 0)
        fatal("network interface %s does not exist (is a virtio-net device attached?)", net->ifname);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    snprintf(ifr.ifr_name, IFNAMSIZ, "%s", net->ifname);
    set_addr(s, &ifr, SIOCSIFADDR, net->addr, "address");
    char mask[INET_ADDRSTRLEN];
    struct in_addr m = {htonl(net->prefix ? 0xFFFFFFFFu << (32 - net->prefix) : 0)};
    inet_ntop(AF_INET, &m, mask, sizeof mask);
    set_addr(s, &ifr, SIOCSIFNETMASK, mask, "netmask");
    if_up(s, net->ifname);
    if (net->gw) {
        struct rtentry rt;
        memset(&rt, 0, sizeof rt);
        struct sockaddr_in *dst = (struct sockaddr_in *)&rt.rt_dst;
        struct sockaddr_in *gw = (struct sockaddr_in *)&rt.rt_gateway;
        struct sockaddr_in *msk = (struct sockaddr_in *)&rt.rt_genmask;
        dst->sin_family = gw->sin_family = msk->sin_family = AF_INET;
        inet_pton(AF_INET, net->gw, &gw->sin_addr);
        rt.rt_flags = RTF_UP | RTF_GATEWAY;
        rt.rt_dev = (char *)net->ifname;
        if (ioctl(s, SIOCADDRT, &rt) < 0)
            fatal("cannot add the default route via %s on %s: %s (is the gateway inside %s/%d?)", net->gw,
                  net->ifname, strerror(errno), net->addr, net->prefix);
    }
    close(s);
    struct in_addr ip;
    inet_pton(AF_INET, net->addr, &ip);
    gratuitous_arp(net->ifname, ip);
    say("net %s %s/%d gw %s", net->ifname, net->addr, net->prefix, net->gw ? net->gw : "none");
}

static int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return -1;
    size_t l = strlen(text);
    int ok = write(fd, text, l) == (ssize_t)l;
    if (close(fd) < 0 || !ok)
        return -1;
    return 0;
}

static void setup_dns(const char *dns)
{
    char text[128];
    snprintf(text, sizeof text, "nameserver %s\n", dns);
    if (write_file("/etc/resolv.conf", text) == 0) {
        say("dns %s (/etc/resolv.conf)", dns);
        return;
    }
    int why = errno;
    if (write_file("/run/resolv.conf", text) < 0)
        fatal("cannot write /run/resolv.conf: %s", strerror(errno));
    if (mount("/run/resolv.conf", "/etc/resolv.conf", NULL, MS_BIND, NULL) < 0) {
        say("warning: dns %s not configured: /etc/resolv.conf is not writable (%s) and /run/resolv.conf "
            "cannot be bound over it (%s); the config image needs an empty etc/resolv.conf",
            dns, strerror(why), strerror(errno));
        return;
    }
    say("dns %s (/run/resolv.conf bound on /etc/resolv.conf)", dns);
}

static void on_stop(int sig)
{
    (void)sig;
    stop_requested = 1;
}

static void on_chld(int sig) { (void)sig; }

static int status_of(int ws)
{
    if (WIFEXITED(ws))
        return WEXITSTATUS(ws);
    if (WIFSIGNALED(ws))
        return 128 + WTERMSIG(ws);
    return 1;
}

static void describe_exit(const char *bin, int ws)
{
    if (WIFSIGNALED(ws))
        say("%s killed by signal %d (%s)", bin, WTERMSIG(ws), strsignal(WTERMSIG(ws)));
    else
        say("%s exited with status %d", bin, WEXITSTATUS(ws));
}

struct child {
    pid_t pid;
    const char *bin;
};
static struct child children[CFG_MAX_RC];
static int nchildren;

/* reaps every exited process; returns 1 (with *ws) if pid was among them */
static int reap(pid_t pid, int *ws, int block)
{
    int found = 0;
    for (;;) {
        int st;
        pid_t r = waitpid(-1, &st, block && !found ? 0 : WNOHANG);
        if (r <= 0)
            return found;
        for (int i = 0; i < nchildren; i++) {
            if (children[i].pid == r) {
                if (r != pid)
                    describe_exit(children[i].bin, st);
                children[i].pid = 0;
            }
        }
        if (r == pid) {
            *ws = st;
            found = 1;
        }
    }
}

/* SIGTERM to all, grace period, SIGKILL; returns when no process is left. Returns the status
 * to leave with: the foreground program's, 0 when it died of SIGTERM or fg is 0. */
static int end_processes(pid_t fg, const char *fg_bin)
{
    kill(-1, SIGTERM);
    int status = 0;
    long deadline = now_ms() + STOP_GRACE_MS;
    for (;;) {
        int ws;
        pid_t r = waitpid(-1, &ws, WNOHANG);
        if (r < 0 && errno == ECHILD)
            break;
        if (r > 0) {
            if (r == fg) {
                describe_exit(fg_bin, ws);
                if (!(WIFSIGNALED(ws) && WTERMSIG(ws) == SIGTERM))
                    status = status_of(ws);
            }
            continue;
        }
        if (now_ms() >= deadline) {
            say("processes still running after %d s: SIGKILL", STOP_GRACE_MS / 1000);
            kill(-1, SIGKILL);
            while (waitpid(-1, &ws, 0) > 0)
                ;
            break;
        }
        sleep_ms(20);
    }
    return status;
}

static pid_t spawn(const struct cfg_rc *rc, const sigset_t *oldmask)
{
    char line[900];
    size_t n = 0;
    for (int i = 0; i < rc->argc && n < sizeof line - 1; i++)
        n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", i ? " " : "", rc->argv[i]);
    say("exec %s%s", line, rc->background ? " &" : "");
    pid_t pid = fork();
    if (pid < 0)
        fatal("fork: %s", strerror(errno));
    if (pid == 0) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigaction(SIGTERM, &dfl, NULL);
        sigaction(SIGINT, &dfl, NULL);
        sigaction(SIGPWR, &dfl, NULL);
        sigaction(SIGCHLD, &dfl, NULL);
        sigprocmask(SIG_SETMASK, oldmask, NULL);
        setsid();
        execv(rc->bin, (char *const *)rc->argv);
        say("cannot exec %s: %s", rc->bin, strerror(errno));
        _exit(127);
    }
    return pid;
}

int main(void)
{
    setup_console();
    if (getpid() != 1)
        say("warning: not PID 1");

    /* the signals that request a stop are handled only at safe points */
    sigset_t stopset, oldmask;
    sigemptyset(&stopset);
    sigaddset(&stopset, SIGTERM);
    sigaddset(&stopset, SIGINT);
    sigaddset(&stopset, SIGPWR);
    sigaddset(&stopset, SIGCHLD);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGPWR, &sa, NULL);
    sa.sa_handler = on_chld; /* a handler, so that SIGCHLD is queued for sigwaitinfo */
    sigaction(SIGCHLD, &sa, NULL);
    sigprocmask(SIG_BLOCK, &stopset, &oldmask);
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

    int status = 0;
    pid_t fg = 0;
    const char *fg_bin = NULL;
    for (int i = 0; i < cfg.nrc && !stop_requested; i++) {
        const struct cfg_rc *rc = &cfg.rc[i];
        pid_t pid = spawn(rc, &oldmask);
        children[nchildren].pid = pid;
        children[nchildren].bin = rc->bin;
        nchildren++;
        if (rc->background && i < cfg.nrc - 1)
            continue;
        if (rc->background) {
            /* everything started in the background: the first to exit ends the guest */
            pid = -1;
        }
        fg = pid;
        fg_bin = rc->bin;
        /* wait for it (or, for pid -1, for any rc program), reaping everything else */
        for (;;) {
            int ws;
            if (pid > 0 && reap(pid, &ws, 0)) {
                describe_exit(rc->bin, ws);
                status = status_of(ws);
                fg = 0;
                break;
            }
            if (pid < 0) {
                int st;
                pid_t r;
                int done = 0;
                while ((r = waitpid(-1, &st, WNOHANG)) > 0) {
                    for (int c = 0; c < nchildren; c++) {
                        if (children[c].pid == r) {
                            describe_exit(children[c].bin, st);
                            children[c].pid = 0;
                            status = status_of(st);
                            done = 1;
                        }
                    }
                }
                if (done)
                    break;
            }
            if (stop_requested)
                break;
            /* sleep until a child exits or a stop is requested */
            siginfo_t si;
            sigwaitinfo(&stopset, &si);
            if (si.si_signo != SIGCHLD)
                stop_requested = 1;
        }
        if (stop_requested)
            break;
        if (status != 0)
            break;
    }
    if (stop_requested) {
        say("stop requested: sending SIGTERM to all processes");
        int s = end_processes(fg, fg_bin);
        say("stopped%s", s ? "" : ", powering off");
        leave(s);
    }
    end_processes(0, NULL);
    if (status != 0) {
        say("leaving with status %d", status);
        leave(status);
    }
    say("done, powering off");
    leave(0);
}
