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
    /* not a whole number of units: two decimals, cut rather than rounded, so that a size
     * is never shown larger than it is (2^64-1 bytes is 15.99 EiB, not 16), trailing
     * zeros cut ("1.5 GiB"); the shift keeps the product within 64 bits */
    uint64_t whole = bytes / scale, hundredths = ((bytes % scale) >> 10) * 100 / (scale >> 10);
    char num[48];
    snprintf(num, sizeof num, "%" PRIu64 ".%02u", whole, (unsigned)hundredths);
    size_t n = strlen(num);
    while (num[n - 1] == '0')
        num[--n] = '\0';
    if (num[n - 1] == '.')
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

void cli_name_byte(const char *p, size_t avail, char *out, size_t cap)
{
    if (avail == 0) {
        snprintf(out, cap, "the end of the input");
        return;
    }
    unsigned char c = (unsigned char)p[0];
    if (c == '\n')
        snprintf(out, cap, "a newline");
    else if (c == '\r')
        snprintf(out, cap, "a carriage return");
    else if (c == '\t')
        snprintf(out, cap, "a tab");
    else if (c == ' ')
        snprintf(out, cap, "a space");
    else if (avail >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
        snprintf(out, cap, "a UTF-8 byte order mark (EF BB BF)");
    else if (c > 0x20 && c < 0x7f)
        snprintf(out, cap, "'%c'", c);
    else
        snprintf(out, cap, "the byte 0x%02x", c);
}

static const char *const resource_names[5] = {"cru", "mru", "sru", "hru", "ipv4u"};

unsigned cli_capacity_add(gt_capacity *total, const gt_capacity *x)
{
    const uint64_t before[5] = {total->cru, total->mru, total->sru, total->hru, total->ipv4u};
    const uint64_t add[5] = {x->cru, x->mru, x->sru, x->hru, x->ipv4u};
    gt_capacity_add(total, x); /* the node's own sum: uint64, wrapping */
    unsigned wrapped = 0;
    for (int k = 0; k < 5; k++)
        if (before[k] + add[k] < before[k])
            wrapped |= 1u << k;
    return wrapped;
}

void jw_overflow(jw *w, unsigned wrapped)
{
    jw_arr(w);
    for (int k = 0; k < 5; k++)
        if (wrapped & (1u << k))
            jw_str(w, resource_names[k]);
    jw_arr_end(w);
}

void cli_warn_overflow(const char *cmd, unsigned wrapped)
{
    static const char *const words[5] = {"cores (cru)", "memory (mru)", "SSD (sru)", "HDD (hru)",
                                         "IPv4 addresses (ipv4u)"};
    for (int k = 0; k < 5; k++)
        if (wrapped & (1u << k))
            fprintf(stderr,
                    "gridtypes %s: warning: the total of %s exceeds 2^64-1; like the node, the sum wraps around, "
                    "and the total shown is the wrapped one\n",
                    cmd, words[k]);
}
