/* The rc programs under init: starting them, reaping, stopping on request (supervise.c). */
#ifndef SUPERVISE_H
#define SUPERVISE_H

#include "config.h"

#include <signal.h>

/* SIGTERM, SIGINT and SIGPWR request a stop; they and SIGCHLD are blocked here and taken only
 * at safe points. *oldmask is what the rc programs get. */
void supervise_signals(sigset_t *stopset, sigset_t *oldmask);
/* runs the rc entries until the guest must end; every process is gone when it returns the
 * status to leave the VM with */
int supervise_rc(const struct config *cfg, const sigset_t *stopset, const sigset_t *oldmask);

#endif
