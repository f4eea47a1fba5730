/* The HTTP server on lwIP's raw TCP API: one connection state per client, no threads. */
#ifndef HTTPD_SERVER_H
#define HTTPD_SERVER_H

#include <stdint.h>

#include "uk/cpio.h"

/* Listens on port; 0, or -1 when lwIP refuses (port in use, out of memory). */
int server_start(const struct uk_cpio *root, uint16_t port);

#endif
