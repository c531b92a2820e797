/* Go 1.19 net.SplitHostPort and zos/gw.go asIpPort (the TLS-passthrough backend check). */
#include "core/gonet.h"

#include <string.h>

static const char *find_byte(const char *s, size_t n, char c)
{
    return n ? memchr(s, c, n) : NULL;
}

static const char *find_last(const char *s, size_t n, char c)
{
    while (n > 0) {
        n--;
        if (s[n] == c)
            return s + n;
    }
    return NULL;
}

gt_hostport_status gt_split_host_port(const char *s, size_t n, size_t *host_off,
                                      size_t *host_len, size_t *port_off, size_t *port_len)
{
    size_t hoff, hlen;
    size_t j = 0, k = 0; /* no '[' may follow j, no ']' may follow k */

    /* The port is whatever follows the last colon. */
    const char *colon = find_last(s, n, ':');
    if (!colon)
        return GT_HOSTPORT_MISSING_PORT;
    size_t i = (size_t)(colon - s);

    if (s[0] == '[') {
        /* The first ']' must sit right before that last colon. */
        const char *rb = find_byte(s, n, ']');
        if (!rb)
            return GT_HOSTPORT_MISSING_RBRACKET;
        size_t end = (size_t)(rb - s);
        if (end + 1 == n)
            return GT_HOSTPORT_MISSING_PORT;
        if (end + 1 != i)
            return s[end + 1] == ':' ? GT_HOSTPORT_TOO_MANY_COLONS : GT_HOSTPORT_MISSING_PORT;
        hoff = 1;
        hlen = end - 1;
        j = 1;
        k = end + 1;
    } else {
        hoff = 0;
        hlen = i;
        if (find_byte(s, hlen, ':'))
            return GT_HOSTPORT_TOO_MANY_COLONS;
    }
    if (find_byte(s + j, n - j, '['))
        return GT_HOSTPORT_UNEXPECTED_LBRACKET;
    if (find_byte(s + k, n - k, ']'))
        return GT_HOSTPORT_UNEXPECTED_RBRACKET;

    if (host_off)
        *host_off = hoff;
    if (host_len)
        *host_len = hlen;
    if (port_off)
        *port_off = i + 1;
    if (port_len)
        *port_len = n - i - 1;
    return GT_HOSTPORT_OK;
}

const char *gt_hostport_reason(gt_hostport_status st)
{
    switch (st) {
    case GT_HOSTPORT_MISSING_PORT: return "missing port in address";
    case GT_HOSTPORT_TOO_MANY_COLONS: return "too many colons in address";
    case GT_HOSTPORT_MISSING_RBRACKET: return "missing ']' in address";
    case GT_HOSTPORT_UNEXPECTED_LBRACKET: return "unexpected '[' in address";
    case GT_HOSTPORT_UNEXPECTED_RBRACKET: return "unexpected ']' in address";
    case GT_HOSTPORT_OK: break;
    }
    return "";
}

void gt_hostport_error(gt_gobuf *b, const char *s, size_t n, gt_hostport_status st)
{
    /* AddrError.Error drops the "address X: " prefix when X is empty. */
    if (n > 0) {
        gt_gobuf_puts(b, "address ");
        gt_gobuf_put(b, s, n);
        gt_gobuf_puts(b, ": ");
    }
    gt_gobuf_puts(b, gt_hostport_reason(st));
}

bool gt_parse_uint10(const char *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < '0' || c > '9')
            return false;
        unsigned d = c - '0';
        if (v > (UINT64_MAX - d) / 10)
            return false; /* ErrRange */
        v = v * 10 + d;
    }
    if (out)
        *out = v;
    return true;
}

int gt_as_ip_port(const char *s, size_t n, gt_ip *ip, uint16_t *port, gt_ipport_err *err)
{
    gt_ipport_err e;
    memset(&e, 0, sizeof e);
    size_t ho = 0, hl = 0, po = 0, pl = 0;
    gt_ip addr;
    uint64_t v = 0;

    e.split = gt_split_host_port(s, n, &ho, &hl, &po, &pl);
    if (e.split != GT_HOSTPORT_OK) {
        e.status = GT_IPPORT_SPLIT;
        goto fail;
    }
    e.port_off = po;
    e.port_len = pl;
    if (!gt_ip_parse(s + ho, hl, &addr)) {
        e.status = GT_IPPORT_BAD_IP;
        goto fail;
    }
    if (!gt_parse_uint10(s + po, pl, &v)) {
        e.status = GT_IPPORT_BAD_PORT;
        goto fail;
    }
    if (v > 65535) {
        e.status = GT_IPPORT_PORT_RANGE;
        goto fail;
    }
    if (ip)
        *ip = addr;
    if (port)
        *port = (uint16_t)v;
    if (err)
        *err = e;
    return 0;

fail:
    if (err)
        *err = e;
    return -1;
}

void gt_as_ip_port_error(gt_gobuf *b, const char *s, size_t n, const gt_ipport_err *err)
{
    switch (err->status) {
    case GT_IPPORT_SPLIT:
        gt_gobuf_puts(b, "failed to parse backend ");
        gt_gobuf_put(b, s, n);
        gt_gobuf_puts(b, " with error: ");
        gt_hostport_error(b, s, n, err->split);
        break;
    case GT_IPPORT_BAD_IP:
        gt_gobuf_puts(b, "invalid ip");
        break;
    case GT_IPPORT_BAD_PORT:
        gt_gobuf_puts(b, "invalid port in backend: ");
        gt_gobuf_put(b, s + err->port_off, err->port_len);
        break;
    case GT_IPPORT_PORT_RANGE:
        gt_gobuf_puts(b, "port '");
        gt_gobuf_put(b, s + err->port_off, err->port_len);
        gt_gobuf_puts(b, "' must be <= 65535");
        break;
    case GT_IPPORT_OK:
        break;
    }
}
