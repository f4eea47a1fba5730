/*
 * lwIP options for the unikernel: no OS (NO_SYS 1, raw API, one thread, no locking),
 * IPv4 with ARP, ICMP and TCP only. Sized for hundreds of concurrent HTTP clients; the
 * pools are static arrays in .bss, so pages no connection touched cost the host nothing.
 */
#ifndef UK_LWIPOPTS_H
#define UK_LWIPOPTS_H

#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_SOCKET 0
#define LWIP_NETCONN 0
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 0
#define LWIP_UDP 0
#define LWIP_DHCP 0
#define LWIP_DNS 0
#define LWIP_IGMP 0
#define LWIP_TCP 1
#define LWIP_STATS 0
#define LWIP_SINGLE_NETIF 1
#define LWIP_HAVE_LOOPIF 0
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_NETIF_HOSTNAME 1
#define IP_REASSEMBLY 0
#define IP_FRAG 0

#define MEM_ALIGNMENT 8
#define MEM_SIZE (2 * 1024 * 1024)
#define MEMP_NUM_PBUF 2048            /* PBUF_REF: file data sent without a copy */
#define PBUF_POOL_SIZE 512
#define MEMP_NUM_TCP_PCB 512
#define MEMP_NUM_TCP_PCB_LISTEN 2
#define MEMP_NUM_TCP_SEG 4096
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 1) /* + httpd's unlogged-requests line */

#define TCP_MSS 1460
#define TCP_WND (16 * TCP_MSS)
#define TCP_SND_BUF (32 * TCP_MSS)
#define TCP_SND_QUEUELEN ((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_OVERSIZE TCP_MSS
#define TCP_QUEUE_OOSEQ 1
#define TCP_LISTEN_BACKLOG 1
#define TCP_DEFAULT_LISTEN_BACKLOG 255
/*
 * lwIP retransmits after a timeout counted in ticks of 2 * TCP_TMR_INTERVAL, never less than
 * about three ticks, and it has no NewReno or SACK recovery: a second loss in one window waits
 * for that timeout. At the default 250 ms a 2 MB answer over a 5 % lossy link took 33-60 s;
 * 50 ms ticks bring the timeout to ~0.3 s. The timer runs only while a connection exists.
 */
#define TCP_TMR_INTERVAL 50
/* TIME_WAIT 2 s instead of 120 s: on a LAN no segment lives that long, and TIME_WAIT keeps the
 * 50 ms timer running, which an idle guest should not pay for */
#define TCP_MSL 1000UL
#define LWIP_TCP_KEEPALIVE 0
#define LWIP_TCP_TIMESTAMPS 0

#define LWIP_NOASSERT_ON_ERROR 0

#endif
