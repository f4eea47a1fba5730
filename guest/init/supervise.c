/*
 * The rc programs under init: started in order (fork + execv, new session), foreground ones
 * waited for, zombies reaped all along; a stop request (SIGTERM, SIGINT from ctrl-alt-del,
 * SIGPWR) ends them all: SIGTERM, a grace period, SIGKILL.
 */
#define _GNU_SOURCE
#include "init.h"
#include "supervise.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/* below the runner's deadline (guest/runtime/runner: STOP_DEADLINE_S, 8 s), which is below
 * docker stop's default 10 s: the processes' grace, then the unmount and power-off */
#define STOP_GRACE_MS 5000

static volatile sig_atomic_t stop_requested;

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

void supervise_signals(sigset_t *stopset, sigset_t *oldmask)
{
    sigemptyset(stopset);
    sigaddset(stopset, SIGTERM);
    sigaddset(stopset, SIGINT);
    sigaddset(stopset, SIGPWR);
    sigaddset(stopset, SIGCHLD);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGPWR, &sa, NULL);
    sa.sa_handler = on_chld; /* a handler, so that SIGCHLD is queued for sigwaitinfo */
    sigaction(SIGCHLD, &sa, NULL);
    sigprocmask(SIG_BLOCK, stopset, oldmask);
}

int supervise_rc(const struct config *cfg, const sigset_t *stopset, const sigset_t *oldmask)
{
    int status = 0;
    pid_t fg = 0;
    const char *fg_bin = NULL;
    for (int i = 0; i < cfg->nrc && !stop_requested; i++) {
        const struct cfg_rc *rc = &cfg->rc[i];
        pid_t pid = spawn(rc, oldmask);
        children[nchildren].pid = pid;
        children[nchildren].bin = rc->bin;
        nchildren++;
        if (rc->background && i < cfg->nrc - 1)
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
            sigwaitinfo(stopset, &si);
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
        return s;
    }
    end_processes(0, NULL);
    if (status != 0) {
        say("leaving with status %d", status);
        return status;
    }
    say("done, powering off");
    return 0;
}
