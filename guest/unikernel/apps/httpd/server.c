#include "server.h"
#include "http.h"
#include "mime.h"
#include "path.h"
#include "response.h"
#include "webroot.h"

#include "uk/alloc.h"
#include "uk/console.h"
#include "uk/io.h"
#include "uk/time.h"

#include "lwip/priv/tcp_priv.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"

#include <string.h>

#define IN_CAP (HTTP_MAX_HEAD + 2)  /* one byte past the limit tells 431 from "need more" */
#define HEAD_CAP 512
#define ERROR_BODY_CAP 64
#define LOG_PATH_MAX 200
#define POLL_INTERVAL (2000 / TCP_SLOW_INTERVAL) /* in lwIP's coarse ticks: every 2 s */
#define IDLE_POLLS 5                /* an idle keep-alive connection closes after 10 s */
#define LISTEN_BACKLOG 255          /* tcp_listen_with_backlog takes a u8_t */
#define LOG_LINES_PER_SECOND 100

struct conn {
    struct tcp_pcb *pcb;
    char in[IN_CAP];
    size_t in_len;
    int busy;        /* a response is being queued */
    int close_after;
    char head[HEAD_CAP];
    size_t head_len, head_sent;
    char error_body[ERROR_BODY_CAP];
    const char *body;
    size_t body_len, body_sent;
    int copy_body;   /* error bodies live in this struct; file bodies in the initrd */
    int idle_polls;
    int closing;     /* tcp_close failed for want of memory */
    /* the access log line */
    char method[HTTP_METHOD_TEXT];
    char path[LOG_PATH_MAX];
    int status;
    uint64_t start_tsc;
};

static const struct uk_cpio *webroot;

static void detach(struct tcp_pcb *pcb)
{
    tcp_arg(pcb, NULL);
    tcp_recv(pcb, NULL);
    tcp_sent(pcb, NULL);
    tcp_err(pcb, NULL);
    tcp_poll(pcb, NULL, 0);
}

static err_t on_poll(void *arg, struct tcp_pcb *pcb);
static void on_err(void *arg, err_t err);

/* Ends the connection gracefully; when lwIP has no memory for the FIN, the poll tries again. */
static void conn_close(struct conn *c)
{
    struct tcp_pcb *pcb = c->pcb;
    detach(pcb);
    if (tcp_close(pcb) == ERR_OK) {
        uk_free(c);
        return;
    }
    c->closing = 1;
    tcp_arg(pcb, c);
    tcp_err(pcb, on_err);
    tcp_poll(pcb, on_poll, POLL_INTERVAL);
}

/*
 * Every byte on the serial console costs QEMU a device exit and a write(2): one line per request
 * halved the requests per second. So at most LOG_LINES_PER_SECOND lines a second, then one
 * line saying how many went unlogged; a person browsing sees every request.
 */
static struct {
    uint32_t window_ms;
    unsigned lines;
    unsigned unlogged;
} log_rate;

static void log_unlogged(void *arg)
{
    (void)arg;
    if (log_rate.unlogged > 0)
        uk_printf("httpd: %u more requests in the last second, not logged (at most %d lines/s)\n",
                  log_rate.unlogged, LOG_LINES_PER_SECOND);
    log_rate.unlogged = 0;
}

static void log_access(const struct conn *c)
{
    uint32_t now = uk_now_ms();
    if (now - log_rate.window_ms >= 1000) {
        log_rate.window_ms = now;
        log_rate.lines = 0;
    }
    if (log_rate.lines >= LOG_LINES_PER_SECOND) {
        if (log_rate.unlogged++ == 0)
            sys_timeout(1000, log_unlogged, NULL);
        return;
    }
    log_rate.lines++;
    uk_printf("httpd: %s %s /%s %d %zu %lluus\n", ipaddr_ntoa(&c->pcb->remote_ip), c->method, c->path, c->status,
              c->body_len, (unsigned long long)uk_us_since(c->start_tsc));
}

/*
 * Queues as much of the response as lwIP takes now; the sent callback comes back for more.
 * Returns 1 when the connection was closed (c is gone), else 0.
 */
static int send_more(struct conn *c)
{
    while (c->head_sent < c->head_len || c->body_sent < c->body_len) {
        int in_head = c->head_sent < c->head_len;
        const char *p = in_head ? c->head + c->head_sent : c->body + c->body_sent;
        size_t left = in_head ? c->head_len - c->head_sent : c->body_len - c->body_sent;
        size_t room = tcp_sndbuf(c->pcb);
        if (room == 0)
            break;
        u16_t n = (u16_t)(left < room ? left : room);
        int more = !in_head || c->body_sent + (in_head ? 0 : n) < c->body_len || n < left;
        u8_t flags = (u8_t)((in_head || c->copy_body ? TCP_WRITE_FLAG_COPY : 0) | (more ? TCP_WRITE_FLAG_MORE : 0));
        err_t err = tcp_write(c->pcb, p, n, flags);
        while (err == ERR_MEM && n > TCP_MSS) {
            n /= 2;
            err = tcp_write(c->pcb, p, n, flags);
        }
        if (err == ERR_MEM)
            break; /* the send queue is full: the sent callback resumes */
        if (err != ERR_OK) {
            conn_close(c); /* the connection is going away */
            return 1;
        }
        if (in_head)
            c->head_sent += n;
        else
            c->body_sent += n;
    }
    tcp_output(c->pcb);
    if (c->head_sent < c->head_len || c->body_sent < c->body_len)
        return 0;
    log_access(c);
    c->busy = 0;
    if (c->close_after) {
        conn_close(c);
        return 1;
    }
    return 0;
}

static void respond(struct conn *c, const struct http_request *req)
{
    char path[WEBROOT_PATH_MAX], resolved[WEBROOT_PATH_MAX];
    size_t plen = 0;
    struct uk_cpio_entry file;
    int status = req->status;
    c->start_tsc = rdtsc();
    memcpy(c->method, req->method_text[0] ? req->method_text : "-", sizeof c->method);
    c->method[sizeof c->method - 1] = '\0';
    c->path[0] = '\0';
    if (status == 0)
        status = http_path_normalize(req->target, req->target_len, path, sizeof path, &plen);
    if (status == 0) {
        memcpy(c->path, path, plen < LOG_PATH_MAX ? plen + 1 : LOG_PATH_MAX);
        c->path[LOG_PATH_MAX - 1] = '\0';
        status = webroot_lookup(webroot, path, plen, &file, resolved, sizeof resolved) == 0 ? 200 : 404;
    }
    c->status = status;
    c->close_after = !req->keep_alive || (status >= 400 && status != 404);
    const char *type;
    size_t length;
    if (status == 200) {
        type = mime_type(resolved, strlen(resolved));
        c->body = file.data;
        length = file.size;
        c->copy_body = 0;
    } else {
        type = "text/plain; charset=utf-8";
        length = http_error_body(c->error_body, sizeof c->error_body, status);
        c->body = c->error_body;
        c->copy_body = 1;
    }
    c->body_len = req->method == HTTP_HEAD ? 0 : length;
    c->body_sent = 0;
    c->head_len = http_response_head(c->head, sizeof c->head, status, type, length, !c->close_after);
    c->head_sent = 0;
    c->busy = 1;
}

/* Answers every complete request in the input buffer, in order. */
static void process(struct conn *c)
{
    while (!c->busy) {
        struct http_request req;
        if (!http_parse(c->in, c->in_len, &req))
            return;
        respond(c, &req);
        size_t used = req.consumed < c->in_len ? req.consumed : c->in_len;
        memmove(c->in, c->in + used, c->in_len - used);
        c->in_len -= used;
        if (send_more(c) != 0)
            return; /* closed */
    }
}

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    struct conn *c = arg;
    (void)err;
    if (c == NULL || c->closing) {
        if (p) {
            tcp_recved(pcb, p->tot_len);
            pbuf_free(p);
        }
        return ERR_OK;
    }
    if (p == NULL) { /* the client closed its side */
        if (!c->busy)
            conn_close(c);
        else
            c->close_after = 1;
        return ERR_OK;
    }
    if (c->busy && c->in_len + p->tot_len > IN_CAP)
        return ERR_MEM; /* lwIP holds the data and offers it again */
    size_t room = IN_CAP - c->in_len;
    size_t take = p->tot_len < room ? p->tot_len : room; /* a head too long ends in 431 anyway */
    pbuf_copy_partial(p, c->in + c->in_len, (u16_t)take, 0);
    c->in_len += take;
    tcp_recved(pcb, p->tot_len);
    pbuf_free(p);
    c->idle_polls = 0;
    process(c);
    return ERR_OK;
}

static err_t on_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
    struct conn *c = arg;
    (void)pcb;
    (void)len;
    if (c && c->busy && send_more(c) == 0)
        process(c);
    return ERR_OK;
}

static void on_err(void *arg, err_t err)
{
    struct conn *c = arg;
    (void)err;
    if (c == NULL)
        return;
    c->pcb = NULL; /* lwIP has freed it */
    uk_free(c);
}

static err_t on_poll(void *arg, struct tcp_pcb *pcb)
{
    struct conn *c = arg;
    if (c == NULL) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    if (c->closing) {
        conn_close(c);
    } else if (c->busy) {
        if (send_more(c) == 0)
            process(c);
    } else if (++c->idle_polls >= IDLE_POLLS) {
        conn_close(c);
    }
    return ERR_OK;
}

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    if (err != ERR_OK || pcb == NULL)
        return ERR_VAL;
    struct conn *c = uk_calloc(1, sizeof *c);
    if (c == NULL)
        return ERR_MEM; /* lwIP resets the connection */
    c->pcb = pcb;
    tcp_arg(pcb, c);
    tcp_recv(pcb, on_recv);
    tcp_sent(pcb, on_sent);
    tcp_err(pcb, on_err);
    tcp_poll(pcb, on_poll, POLL_INTERVAL);
    tcp_nagle_disable(pcb); /* a response's last segment goes out at once */
    return ERR_OK;
}

int server_start(const struct uk_cpio *root, uint16_t port)
{
    webroot = root;
    struct tcp_pcb *pcb = tcp_new();
    if (pcb == NULL || tcp_bind(pcb, IP4_ADDR_ANY, port) != ERR_OK)
        return -1;
    struct tcp_pcb *listener = tcp_listen_with_backlog(pcb, LISTEN_BACKLOG);
    if (listener == NULL)
        return -1;
    tcp_accept(listener, on_accept);
    return 0;
}
