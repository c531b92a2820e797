/* Text for people: capacity in binary units, bytes that may not be printable, and IPs
 * written the way the node writes them (Go's net.IP.String, borrowed from the library's
 * internal helpers so that what we show is exactly what goes into the challenge). */
#include "cli.h"

#include "core/gonet.h"

#include <inttypes.h>
#include <string.h>

void cli_fmt_bytes(uint64_t bytes, char *out, size_t cap)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    size_t u = 0;
    uint64_t scale = 1;
    while (u + 1 < sizeof units / sizeof units[0] && bytes / scale >= 1024) {
        scale *= 1024;
        u++;
    }
    if (bytes % scale == 0) {
        snprintf(out, cap, "%" PRIu64 " %s", bytes / scale, units[u]);
        return;
    }
    /* not a whole number of units: two decimals, trailing zeros cut ("1.5 GiB") */
    char num[48];
    snprintf(num, sizeof num, "%.2f", (double)bytes / (double)scale);
    size_t n = strlen(num);
    while (n > 0 && num[n - 1] == '0')
        num[--n] = '\0';
    if (n > 0 && num[n - 1] == '.')
        num[--n] = '\0';
    snprintf(out, cap, "%s %s", num, units[u]);
}

void cli_fmt_capacity(const gt_capacity *c, char *out, size_t cap)
{
    char part[64];
    size_t len = 0;
    out[0] = '\0';
#define ADD(...)                                                                      \
    do {                                                                              \
        int k_ = snprintf(out + len, len < cap ? cap - len : 0, "%s", len ? ", " : ""); \
        len += k_ > 0 ? (size_t)k_ : 0;                                               \
        k_ = snprintf(out + len, len < cap ? cap - len : 0, __VA_ARGS__);             \
        len += k_ > 0 ? (size_t)k_ : 0;                                               \
    } while (0)
    if (c->cru)
        ADD("%" PRIu64 " core%s", c->cru, c->cru == 1 ? "" : "s");
    if (c->mru) {
        cli_fmt_bytes(c->mru, part, sizeof part);
        ADD("%s memory", part);
    }
    if (c->sru) {
        cli_fmt_bytes(c->sru, part, sizeof part);
        ADD("%s SSD", part);
    }
    if (c->hru) {
        cli_fmt_bytes(c->hru, part, sizeof part);
        ADD("%s HDD", part);
    }
    if (c->ipv4u)
        ADD("%" PRIu64 " IPv4%s", c->ipv4u, c->ipv4u == 1 ? "" : "s");
#undef ADD
    if (len == 0)
        snprintf(out, cap, "nothing");
}

void cli_write_escaped(FILE *f, const void *bytes, size_t n)
{
    const unsigned char *p = bytes;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (c == '\\')
            fputs("\\\\", f);
        else if (c == '\t')
            fputs("\\t", f);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20 || c >= 0x7F)
            fprintf(f, "\\x%02x", c);
        else
            fputc(c, f);
    }
}

void cli_put_message(FILE *f, const char *msg)
{
    for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            fprintf(f, "\\x%02x", *p);
        else
            fputc(*p, f);
    }
}

void cli_put_error(FILE *f, const gt_error *e)
{
    /* message_len, not strlen: the message may quote input holding a NUL byte */
    const unsigned char *p = (const unsigned char *)e->message;
    for (size_t i = 0; i < e->message_len && i < sizeof e->message; i++) {
        if (p[i] < 0x20 || p[i] == 0x7F)
            fprintf(f, "\\x%02x", p[i]);
        else
            fputc(p[i], f);
    }
}

void cli_put_gstr(FILE *f, gt_str s)
{
    cli_write_escaped(f, s.ptr, s.len);
}

void cli_fmt_ip(const gt_ip *ip, char out[64])
{
    gt_ip_format(ip, out);
}

void cli_fmt_ipnet(const gt_ipnet *n, char out[96])
{
    gt_ipnet_format(n, out);
}
