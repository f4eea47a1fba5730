/* The guest's network from its configuration: addresses, routes, resolver (net.c). */
#ifndef NET_H
#define NET_H

#include "config.h"

/* brings up lo and, when configured, the interface with its address, netmask and default route */
void setup_net(const struct cfg_net *net);
/* writes /etc/resolv.conf, or binds /run/resolv.conf over it on a read-only /etc */
void setup_dns(const char *dns);

#endif
