/* Go 1.19 net.IP / net.IPNet semantics (parse, print, compare) on fixed-size values. */
#include "core/gonet.h"

#include <string.h>

/* Go's net package caps its small integer parsers here; a value that reaches it is
 * reported as a failure, which is what rejects absurdly long digit runs. */
#define GO_NET_BIG 0xFFFFFF

static const uint8_t v4_in_v6_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static void ip_nil(gt_ip *ip)
{
    memset(ip, 0, sizeof *ip);
}

/* Decimal run at the start of s: value, digits consumed, ok (at least one digit and no
 * overflow past GO_NET_BIG). Go's dtoi accepts leading zeros; callers decide. */
static bool dtoi(const char *s, size_t n, int *val, size_t *used)
{
    int v = 0;
    size_t i = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        v = v * 10 + (s[i] - '0');
        if (v >= GO_NET_BIG)
            return false;
    }
    *val = v;
    *used = i;
    return i > 0;
}

/* Hex run at the start of s, same contract as dtoi: any number of digits is fine as long
 * as the running value stays below GO_NET_BIG ("00000001" is a valid IPv6 group). */
static bool xtoi(const char *s, size_t n, int *val, size_t *used)
{
    int v = 0;
    size_t i = 0;
    for (; i < n; i++) {
        int d = gt_hex_digit((unsigned char)s[i]);
        if (d < 0)
            break;
        v = v * 16 + d;
        if (v >= GO_NET_BIG)
            return false;
    }
    *val = v;
    *used = i;
    return i > 0;
}

static void ip_v4(gt_ip *out, const uint8_t p[4])
{
    out->len = 16;
    memcpy(out->b, v4_in_v6_prefix, 12);
    memcpy(out->b + 12, p, 4);
}

/* Copies n <= 23 bytes of s into buf and ends them with a NUL, which no digit, dot or
 * slash test accepts: the parsers below then need no bounds checks. */
static void copy_terminated(char buf[24], const char *s, size_t n)
{
    if (n >= 8) {
        memcpy(buf, s, 8);
        if (n > 16)
            memcpy(buf + 8, s + 8, 8);
        memcpy(buf + n - 8, s + n - 8, 8);
    } else {
        for (size_t i = 0; i < n; i++)
            buf[i] = s[i];
    }
    buf[n] = '\0';
}

static inline unsigned digit_value(char c)
{
    return (unsigned)(unsigned char)c - '0'; /* > 9 for anything but a digit */
}

/* parseIPv4's octets: four dot-separated decimal octets at the start of the
 * NUL-terminated s into p; returns where they end, or NULL. Since Go 1.17 an octet with
 * more than one digit may not start with '0' (so "010.1.1.1" is rejected, not octal).
 * Go reads each octet with dtoi (any run of digits below GO_NET_BIG); a run of 4 or more
 * digits fails either way (a leading zero, or a value above 255), so a 4th digit is
 * refused without reading on. */
static const char *v4_octets(const char *s, uint8_t p[4])
{
    for (int i = 0; i < 4; i++) {
        if (i > 0) {
            if (*s != '.')
                return NULL;
            s++;
        }
        unsigned v = digit_value(*s);
        if (v > 9)
            return NULL;
        unsigned d = digit_value(*++s);
        if (d <= 9) {
            if (v == 0)
                return NULL; /* a leading zero */
            v = v * 10 + d;
            d = digit_value(*++s);
            if (d <= 9) {
                v = v * 10 + d;
                if (v > 0xFF || digit_value(*++s) <= 9)
                    return NULL;
            }
        }
        p[i] = (uint8_t)v;
    }
    return s;
}

/* v4_octets for the whole of s[0..n) (at most 15 bytes). (A branch-free SSE2 version,
 * with masks of digits and dots, took more instructions: slower on repeated input, where
 * these branches are predicted, faster only while other jobs disturbed the predictor.) */
static bool v4_dotted(const char *s, size_t n, uint8_t p[4])
{
    char buf[24];
    if (n > 15)
        return false;
    copy_terminated(buf, s, n);
    return v4_octets(buf, p) == buf + n;
}

/* parseIPv4: the octets and nothing after them (so at most 15 bytes). */
static bool parse_v4(const char *s, size_t n, gt_ip *out)
{
    uint8_t p[4];
    if (!v4_dotted(s, n, p))
        return false;
    ip_v4(out, p);
    return true;
}

/* parseIPv6 (Go 1.19 has no zone support in ParseIP/ParseCIDR). */
static bool parse_v6(const char *s, size_t n, gt_ip *out)
{
    uint8_t ip[16] = {0};
    int ellipsis = -1; /* byte index where "::" stands */

    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        s += 2;
        n -= 2;
        if (n == 0)
            goto done;
    }

    int i = 0;
    while (i < 16) {
        int v;
        size_t c;
        if (!xtoi(s, n, &v, &c) || v > 0xFFFF)
            return false;

        /* A group followed by '.' starts an embedded dotted quad, which must fill the
         * last 4 bytes (or sit anywhere when "::" can absorb the gap). */
        if (c < n && s[c] == '.') {
            if (ellipsis < 0 && i != 12)
                return false;
            if (i + 4 > 16)
                return false;
            gt_ip v4;
            if (!parse_v4(s, n, &v4))
                return false;
            memcpy(ip + i, v4.b + 12, 4);
            n = 0;
            i += 4;
            break;
        }

        ip[i] = (uint8_t)(v >> 8);
        ip[i + 1] = (uint8_t)v;
        i += 2;

        s += c;
        n -= c;
        if (n == 0)
            break;

        if (s[0] != ':' || n == 1)
            return false;
        s++;
        n--;

        if (s[0] == ':') {
            if (ellipsis >= 0)
                return false;
            ellipsis = i;
            s++;
            n--;
            if (n == 0)
                break;
        }
    }

    if (n != 0)
        return false;

    if (i < 16) {
        if (ellipsis < 0)
            return false;
        int gap = 16 - i;
        for (int j = i - 1; j >= ellipsis; j--)
            ip[j + gap] = ip[j];
        for (int j = ellipsis + gap - 1; j >= ellipsis; j--)
            ip[j] = 0;
    } else if (ellipsis >= 0) {
        /* "::" must stand for at least one zero group. */
        return false;
    }

done:
    out->len = 16;
    memcpy(out->b, ip, 16);
    return true;
}

bool gt_ip_parse(const char *s, size_t n, gt_ip *out)
{
    gt_ip r;
    ip_nil(&r);
    bool ok = false;
    /* Go picks the parser from the first separator it meets. */
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '.') {
            ok = parse_v4(s, n, &r);
            break;
        }
        if (s[i] == ':') {
            ok = parse_v6(s, n, &r);
            break;
        }
    }
    if (!ok)
        ip_nil(&r);
    *out = r;
    return ok;
}

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != 0)
            return false;
    return true;
}

bool gt_ip_to4(const gt_ip *ip, gt_ip *out)
{
    gt_ip r;
    ip_nil(&r);
    bool ok = false;
    if (ip->len == 4) {
        r = *ip;
        ok = true;
    } else if (ip->len == 16 && all_zero(ip->b, 10) && ip->b[10] == 0xff && ip->b[11] == 0xff) {
        r.len = 4;
        memcpy(r.b, ip->b + 12, 4);
        ok = true;
    }
    *out = r;
    return ok;
}

bool gt_ip_to16(const gt_ip *ip, gt_ip *out)
{
    gt_ip r;
    ip_nil(&r);
    bool ok = false;
    if (ip->len == 4) {
        ip_v4(&r, ip->b);
        ok = true;
    } else if (ip->len == 16) {
        r = *ip;
        ok = true;
    }
    *out = r;
    return ok;
}

static size_t put_dec(char *out, unsigned v)
{
    char tmp[4];
    size_t k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v > 0);
    for (size_t i = 0; i < k; i++)
        out[i] = tmp[k - 1 - i];
    return k;
}

static const char lowerhex[] = "0123456789abcdef";

/* A 16-bit group without leading zeros, as Go's appendHex. */
static size_t put_group(char *out, unsigned v)
{
    size_t k = 0;
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
        unsigned d = (v >> shift) & 0xF;
        if (d != 0 || started || shift == 0) {
            out[k++] = lowerhex[d];
            started = true;
        }
    }
    return k;
}

size_t gt_ip_format(const gt_ip *ip, char out[64])
{
    size_t k = 0;
    gt_ip v4;

    if (ip->len == 0) {
        memcpy(out, "<nil>", 6);
        return 5;
    }
    if (gt_ip_to4(ip, &v4)) {
        for (int i = 0; i < 4; i++) {
            if (i > 0)
                out[k++] = '.';
            k += put_dec(out + k, v4.b[i]);
        }
        out[k] = '\0';
        return k;
    }
    if (ip->len != 16) {
        /* Go prints "?" and the raw hex for a slice of any other length. */
        size_t len = ip->len > 16 ? 16 : ip->len;
        out[k++] = '?';
        for (size_t i = 0; i < len; i++) {
            out[k++] = lowerhex[ip->b[i] >> 4];
            out[k++] = lowerhex[ip->b[i] & 0xF];
        }
        out[k] = '\0';
        return k;
    }

    /* The first longest run of zero groups; a strictly longer later run wins. */
    int e0 = -1, e1 = -1;
    for (int i = 0; i < 16; i += 2) {
        int j = i;
        while (j < 16 && ip->b[j] == 0 && ip->b[j + 1] == 0)
            j += 2;
        if (j > i && j - i > e1 - e0) {
            e0 = i;
            e1 = j;
            i = j;
        }
    }
    /* RFC 5952: "::" never replaces a single zero group. */
    if (e1 - e0 <= 2) {
        e0 = -1;
        e1 = -1;
    }

    for (int i = 0; i < 16; i += 2) {
        if (i == e0) {
            out[k++] = ':';
            out[k++] = ':';
            i = e1;
            if (i >= 16)
                break;
        } else if (i > 0) {
            out[k++] = ':';
        }
        k += put_group(out + k, ((unsigned)ip->b[i] << 8) | ip->b[i + 1]);
    }
    out[k] = '\0';
    return k;
}

bool gt_ip_equal(const gt_ip *a, const gt_ip *b)
{
    if (a->len == b->len)
        return memcmp(a->b, b->b, a->len > 16 ? 16 : a->len) == 0;
    if (a->len == 4 && b->len == 16)
        return memcmp(b->b, v4_in_v6_prefix, 12) == 0 && memcmp(a->b, b->b + 12, 4) == 0;
    if (a->len == 16 && b->len == 4)
        return memcmp(a->b, v4_in_v6_prefix, 12) == 0 && memcmp(a->b + 12, b->b, 4) == 0;
    return false;
}

bool gt_ip_is_loopback(const gt_ip *ip)
{
    gt_ip v4;
    if (gt_ip_to4(ip, &v4))
        return v4.b[0] == 127;
    static const gt_ip loop6 = {16, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}};
    return gt_ip_equal(ip, &loop6);
}

/* net.CIDRMask(ones, bits) for bits 32 or 128 and 0 <= ones <= bits. */
static void cidr_mask(int ones, int bits, gt_ip *m)
{
    ip_nil(m);
    m->len = (uint8_t)(bits / 8);
    if (bits == 32) { /* the usual case, one word: no loop */
        uint32_t v = ones ? UINT32_MAX << (32 - ones) : 0;
        m->b[0] = (uint8_t)(v >> 24);
        m->b[1] = (uint8_t)(v >> 16);
        m->b[2] = (uint8_t)(v >> 8);
        m->b[3] = (uint8_t)v;
        return;
    }
    for (int i = 0; i < m->len; i++) {
        if (ones >= 8) {
            m->b[i] = 0xff;
            ones -= 8;
        } else {
            m->b[i] = (uint8_t)~(0xffu >> ones);
            ones = 0;
        }
    }
}

/* ParseCIDR of "a.b.c.d/n" with a prefix of one or two digits, the usual form. False:
 * not of that form or not valid, and nothing decided; the general path then gives the
 * answer (also for prefixes of more digits, which dtoi would take). */
static bool parse_cidr_v4(const char *s, size_t n, gt_ipnet *out)
{
    if (n < 3)
        return false;
    unsigned last = (unsigned)(unsigned char)s[n - 1] - '0', ones;
    size_t alen;
    if (last > 9)
        return false;
    if (s[n - 2] == '/') {
        alen = n - 2;
        ones = last;
    } else {
        unsigned tens = (unsigned)(unsigned char)s[n - 2] - '0';
        if (tens > 9 || s[n - 3] != '/')
            return false;
        alen = n - 3;
        ones = tens * 10 + last;
    }
    uint8_t p[4];
    if (ones > 32 || !v4_dotted(s, alen, p))
        return false;
    ip_v4(&out->ip, p);
    cidr_mask((int)ones, 32, &out->mask);
    return true;
}

int gt_ipnet_parse_cidr(const char *s, size_t n, gt_ipnet *out)
{
    if (n != 0 && parse_cidr_v4(s, n, out))
        return 0;
    memset(out, 0, sizeof *out);
    if (n == 0)
        return 0; /* zosbase: an empty string is the zero IPNet, not an error */

    const char *slash = memchr(s, '/', n);
    if (!slash)
        return -1;
    size_t alen = (size_t)(slash - s);
    const char *mask = slash + 1;
    size_t mlen = n - alen - 1;

    /* ParseCIDR tries the IPv4 grammar on the whole address part first, then IPv6; the
     * family decides the mask size, so "::ffff:1.2.3.4/120" is a 128-bit prefix. */
    gt_ip ip;
    int bits = 32;
    if (!parse_v4(s, alen, &ip)) {
        bits = 128;
        if (!parse_v6(s, alen, &ip))
            return -1;
    }
    int ones;
    size_t used;
    if (!dtoi(mask, mlen, &ones, &used) || used != mlen || ones > bits)
        return -1;

    /* zosbase overwrites the masked network number with the parsed address. */
    out->ip = ip;
    cidr_mask(ones, bits, &out->mask);
    return 0;
}

/* Ones-then-zeros mask: number of ones, else -1. */
static int simple_mask_length(const uint8_t *m, size_t len)
{
    int ones = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t v = m[i];
        if (v == 0xff) {
            ones += 8;
            continue;
        }
        while (v & 0x80) {
            ones++;
            v = (uint8_t)(v << 1);
        }
        if (v != 0)
            return -1;
        for (i++; i < len; i++)
            if (m[i] != 0)
                return -1;
        break;
    }
    return ones;
}

size_t gt_ipnet_format(const gt_ipnet *n, char out[96])
{
    gt_ip ip;
    const uint8_t *m = n->mask.b;
    size_t mlen = n->mask.len;

    /* networkNumberAndMask: prefer the 4-byte form; a 16-byte mask then loses its
     * first 12 bytes, a 4-byte mask needs a 4-byte address. */
    if (!gt_ip_to4(&n->ip, &ip)) {
        ip = n->ip;
        if (ip.len != 16)
            goto nil;
    }
    if (mlen == 4) {
        if (ip.len != 4)
            goto nil;
    } else if (mlen == 16) {
        if (ip.len == 4) {
            m += 12;
            mlen = 4;
        }
    } else {
        goto nil;
    }

    size_t k = gt_ip_format(&ip, out);
    out[k++] = '/';
    int ones = simple_mask_length(m, mlen);
    if (ones < 0) {
        for (size_t i = 0; i < mlen; i++) {
            out[k++] = lowerhex[m[i] >> 4];
            out[k++] = lowerhex[m[i] & 0xF];
        }
    } else {
        k += put_dec(out + k, (unsigned)ones);
    }
    out[k] = '\0';
    return k;

nil:
    memcpy(out, "<nil>", 6);
    return 5;
}

bool gt_ipnet_is_nil(const gt_ipnet *n)
{
    return n->ip.len == 0 && n->mask.len == 0;
}

bool gt_ip_normal_text(const char *s, size_t n, char out[96])
{
    if (memchr(s, '/', n)) {
        gt_ipnet net;
        if (gt_ipnet_parse_cidr(s, n, &net) != 0)
            return false;
        gt_ipnet_format(&net, out);
        return true;
    }
    gt_ip ip;
    if (!gt_ip_parse(s, n, &ip))
        return false;
    gt_ip_format(&ip, out);
    return true;
}
