/* gt_challenge_compare: where another implementation's challenge leaves ours, which field
 * wrote the byte there, and, when the pattern is a known one, why.
 *
 * The known patterns are the ways client libraries have been seen to disagree with the
 * node: an IP written as the user typed it instead of Go's normal form, an empty IP net
 * (which Go prints as "<nil>"), hex in upper case, integers above 2^53 rounded by a double,
 * and a field left out entirely (signature_style, a zero WireGuard port). Each recogniser
 * only adds words; the verdict is the byte comparison. */
#include "gridtypes/diagnose.h"

#include "core/gonet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const uint8_t *ours, *theirs;
    size_t olen, tlen;
    size_t at;                           /* first differing offset */
    const gt_challenge_fragment *frag;   /* ours, holding `at` */
    bool resync;                         /* theirs ends like ours after frag: tfrag_len is exact */
    size_t tfrag_len;                    /* their bytes in place of frag (from frag->start) */
    gt_challenge_difference *out;
} diff;

static void cause(diff *df, const char *code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void cause(diff *df, const char *code, const char *fmt, ...)
{
    gt_challenge_difference *o = df->out;
    if (o->ncauses >= GT_COMPARE_CAUSES_MAX)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->causes[o->ncauses].text, sizeof o->causes[0].text, fmt, ap);
    va_end(ap);
    o->causes[o->ncauses++].code = code;
}

/* Writes bytes escaped like the challenge map's text form into buf (for messages). */
static void esc(char *buf, size_t cap, const uint8_t *p, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k + 5 < cap; i++) {
        uint8_t c = p[i];
        if (c == '\\' || c == '\t' || c == '\n')
            k += (size_t)snprintf(buf + k, cap - k, "\\%c", c == '\\' ? '\\' : c == '\t' ? 't' : 'n');
        else if (c < 0x20 || c >= 0x7F)
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
        else
            buf[k++] = (char)c;
    }
    buf[k < cap ? k : cap - 1] = '\0';
}

static bool all_in(const uint8_t *p, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++)
        if (!p[i] || !strchr(set, p[i]))
            return false;
    return n > 0;
}

/* The length of the run at p of bytes from `set`. */
static size_t run_of(const uint8_t *p, size_t n, const char *set)
{
    size_t i = 0;
    while (i < n && p[i] && strchr(set, p[i]))
        i++;
    return i;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static const char ipchars[] = "0123456789abcdefABCDEF.:/";

/* Go's normal text of an IP or IP net written as s[0..n), or false when Go would not
 * parse it. */
static bool normal_ip(const uint8_t *s, size_t n, char *out)
{
    if (memchr(s, '/', n)) {
        gt_ipnet net;
        if (gt_ipnet_parse_cidr((const char *)s, n, &net) != 0)
            return false;
        gt_ipnet_format(&net, out);
        return true;
    }
    gt_ip ip;
    if (!gt_ip_parse((const char *)s, n, &ip))
        return false;
    gt_ip_format(&ip, out);
    return true;
}

/* When only our fragment's field differs, the rest of theirs ends exactly like ours: then
 * their version of the field is known exactly (fields are written with no separators, so
 * nothing else says where a field of theirs ends). */
static void resync(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    size_t tail = df->olen - (f->start + f->len);
    if (tail > df->tlen || df->tlen - tail < f->start)
        return;
    if (memcmp(df->ours + df->olen - tail, df->theirs + df->tlen - tail, tail) != 0)
        return;
    df->resync = true;
    df->tfrag_len = df->tlen - tail - f->start;
}

/* Their bytes in place of our fragment: exact after a resync, else a run of `set`. */
static size_t their_len(const diff *df, const char *set)
{
    const gt_challenge_fragment *f = df->frag;
    if (df->resync)
        return df->tfrag_len;
    return run_of(df->theirs + f->start, df->tlen - f->start, set);
}

/* A field of ours is missing from theirs, or theirs has bytes we do not. */
static void recognise_missing(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    size_t fend = f->start + f->len;
    if (df->at == f->start && df->olen - fend == df->tlen - df->at &&
        memcmp(df->ours + fend, df->theirs + df->at, df->tlen - df->at) == 0) {
        char shown[256];
        esc(shown, sizeof shown, df->ours + f->start, f->len < 60 ? f->len : 60);
        if (strcmp(f->path, "signature_requirement.signature_style") == 0)
            cause(df, "signature-style-missing",
                  "signature_style is missing from their text: the node writes the style ('%s') at the end "
                  "of the challenge whenever it is set",
                  shown);
        else
            cause(df, "field-missing", "their text lacks our whole fragment for %s ('%s'): they left the field out%s",
                  f->path, shown,
                  strstr(f->path, "wireguard_listen_port") ? " (the node writes the port even when it is 0)" : "");
        return;
    }
    /* extra bytes in theirs: the rest of ours reappears a little later in theirs */
    if (df->resync && df->tfrag_len != f->len)
        return; /* one field written differently: the recognisers below say how */
    for (size_t skip = 1; skip <= 64 && df->at + skip <= df->tlen; skip++) {
        if (df->tlen - df->at - skip == df->olen - df->at &&
            memcmp(df->theirs + df->at + skip, df->ours + df->at, df->olen - df->at) == 0) {
            char shown[300];
            esc(shown, sizeof shown, df->theirs + df->at, skip);
            cause(df, "extra-bytes", "their text has %zu extra byte%s here ('%s'); the rest is the same", skip,
                  skip == 1 ? "" : "s", shown);
            return;
        }
    }
}

static void recognise_nil(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    const uint8_t *o = df->ours + f->start;
    if (f->len == 5 && memcmp(o, "<nil>", 5) == 0)
        cause(df, "nil-net",
              "%s is an empty IP net, which the node prints as '<nil>' (Go's IPNet.String of an unset "
              "net); their implementation wrote something else",
              f->path);
    else if (df->tlen - f->start >= 5 && memcmp(df->theirs + f->start, "<nil>", 5) == 0)
        cause(df, "nil-net",
              "their text has '<nil>' where the node writes %s: they printed an unset net the Go way "
              "where the node has a value",
              f->path);
}

static void recognise_case(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    if (df->tlen < f->start + f->len)
        return;
    const uint8_t *o = df->ours + f->start, *t = df->theirs + f->start;
    bool same_fold = true;
    for (size_t i = 0; i < f->len && same_fold; i++)
        same_fold = lower(o[i]) == lower(t[i]);
    if (!same_fold)
        return;
    if (all_in(o, f->len, "0123456789abcdef"))
        cause(df, "hex-case", "%s is hex: the node writes hex in lower case, theirs has upper case letters",
              f->path);
    else
        cause(df, "letter-case", "%s differs only in letter case: the node writes the value as it was decoded",
              f->path);
}

static void recognise_ip(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    const uint8_t *o = df->ours + f->start;
    if (!all_in(o, f->len, ipchars) || (!memchr(o, '.', f->len) && !memchr(o, ':', f->len)))
        return;
    size_t tl = their_len(df, ipchars);
    if (tl == f->len && memcmp(df->theirs + f->start, o, tl) == 0)
        return;
    char norm[128], theirs[128], ours[128];
    esc(theirs, sizeof theirs, df->theirs + f->start, tl < 60 ? tl : 60);
    esc(ours, sizeof ours, o, f->len < 60 ? f->len : 60);
    if (tl && normal_ip(df->theirs + f->start, tl, norm) && strlen(norm) == f->len && memcmp(norm, o, f->len) == 0)
        cause(df, "ip-unnormalised",
              "%s: the IP is written unnormalised: they wrote '%s', the node writes it as Go's net.IP.String "
              "does: '%s' (lower case, shortest IPv6 form, IPv4-mapped addresses as IPv4)",
              f->path, theirs, ours);
    else
        cause(df, "ip-different",
              "%s is an IP: the node writes '%s' (Go's normal form), theirs has '%s' there", f->path, ours, theirs);
}

/* A decimal number of at most 20 digits that fits 64 bits. */
static bool parse_u64(const uint8_t *s, size_t n, uint64_t *out)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned dgt = (unsigned)(s[i] - '0');
        if (v > (UINT64_MAX - dgt) / 10)
            return false;
        v = v * 10 + dgt;
    }
    *out = v;
    return n > 0;
}

static void recognise_big_number(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    const uint8_t *o = df->ours + f->start;
    if (!all_in(o, f->len, "0123456789") || f->len > 20)
        return;
    uint64_t v;
    if (!parse_u64(o, f->len, &v) || v <= ((uint64_t)1 << 53))
        return;
    char theirs[64];
    size_t tl = their_len(df, "0123456789.eE+-");
    esc(theirs, sizeof theirs, df->theirs + f->start, tl < 40 ? tl : 40);
    cause(df, "number-above-2^53",
          "%s is %.*s, above 2^53 (9007199254740992): an implementation that keeps JSON numbers as doubles "
          "(JavaScript) rounds it (theirs: '%s'); the node keeps all 64 bits",
          f->path, (int)f->len, (const char *)o, theirs);
}

static void recognise_newline(diff *df)
{
    if (df->tlen == df->olen + 1 && df->at == df->olen && df->theirs[df->olen] == '\n')
        cause(df, "trailing-newline",
              "their text only adds a newline at the end: probably the tool that saved it, not their challenge");
}

static int hexval(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (uint8_t)lower(c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Decodes hex text (spaces, tabs and newlines ignored, an optional 0x) into a new buffer. */
static int unhex(const uint8_t *s, size_t n, uint8_t **out, size_t *out_len, gt_error *err)
{
    uint8_t *o = malloc(n / 2 + 1);
    if (!o)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    size_t k = 0, i = 0;
    int hi = -1;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        i = 2;
    for (; i < n; i++) {
        uint8_t c = s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        int v = hexval(c);
        if (v < 0) {
            free(o);
            gt_error_set(err, GT_EVALUE, "not hex at byte %zu", i);
            return gt_error_at(err, i, NULL);
        }
        if (hi < 0) {
            hi = v;
        } else {
            o[k++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    if (hi >= 0) {
        free(o);
        gt_error_set(err, GT_EVALUE, "odd number of hex digits");
        return gt_error_at(err, n, NULL);
    }
    *out = o;
    *out_len = k;
    return GT_OK;
}

int gt_challenge_compare(const gt_deployment *d, const void *theirs, size_t len, unsigned flags,
                         gt_comparison **out, gt_error *err)
{
    if (out)
        *out = NULL;
    if (!d || !out || (!theirs && len))
        return gt_error_set(err, GT_EARG, "gt_challenge_compare: NULL argument");
    if (flags & ~(unsigned)GT_COMPARE_HEX)
        return gt_error_set(err, GT_EARG, "gt_challenge_compare: unknown flags 0x%x", flags);
    gt_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    int rc;
    if (flags & GT_COMPARE_HEX) {
        rc = unhex(theirs, len, &c->theirs, &c->theirs_len, err);
    } else {
        rc = GT_OK;
        c->theirs = malloc(len ? len : 1);
        if (!c->theirs)
            rc = gt_error_set(err, GT_ENOMEM, "out of memory");
        else if (len)
            memcpy(c->theirs, theirs, len);
        c->theirs_len = len;
    }
    if (rc == GT_OK)
        rc = gt_challenge_map_build(d, &c->ours, err);
    if (rc != GT_OK) {
        gt_comparison_free(c);
        return rc;
    }

    const gt_challenge_map *m = &c->ours;
    size_t at = 0, n = m->len < c->theirs_len ? m->len : c->theirs_len;
    while (at < n && m->bytes[at] == c->theirs[at])
        at++;
    c->equal = at == m->len && m->len == c->theirs_len;
    if (c->equal)
        return *out = c, GT_OK;

    c->diffs = calloc(1, sizeof *c->diffs);
    if (!c->diffs) {
        gt_comparison_free(c);
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    }
    c->ndiffs = 1;
    diff df = {.ours = m->bytes, .theirs = c->theirs, .olen = m->len, .tlen = c->theirs_len, .at = at,
               .out = c->diffs};
    c->diffs->ours_offset = c->diffs->theirs_offset = at;
    c->diffs->fragment = gt_challenge_map_find(m, at);
    if (c->diffs->fragment != SIZE_MAX) {
        df.frag = &m->frags[c->diffs->fragment];
        resync(&df);
        recognise_newline(&df);
        if (!c->diffs->ncauses) {
            recognise_missing(&df);
            recognise_nil(&df);
            recognise_case(&df);
            recognise_ip(&df);
            recognise_big_number(&df);
        }
    }
    *out = c;
    return GT_OK;
}

void gt_comparison_free(gt_comparison *c)
{
    if (!c)
        return;
    gt_challenge_map_free(&c->ours);
    free(c->theirs);
    free(c->diffs);
    free(c);
}
