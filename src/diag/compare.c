/* gt_challenge_compare: where another implementation's challenge leaves ours, which field
 * of ours the difference belongs to, and, when the pattern is a known one, why.
 *
 * The texts are compared byte by byte; at a difference, the nearest place where they agree
 * again (the smallest drift, within GT_COMPARE_RESYNC_MAX bytes) closes it, so each
 * difference is known as "our bytes here stand where theirs has those". The known
 * patterns are the ways client libraries have been seen to disagree with the node: an IP
 * written as the user typed it instead of Go's normal form, an empty IP net (which Go
 * prints as "<nil>"), hex in upper case, integers above 2^53 rounded by a double, a field
 * left out (signature_style, a zero WireGuard port), "undefined" for an empty value,
 * Python's "True" and "4294967296.0", bytes an editor added at the end. Each recogniser
 * only adds words; the verdict is the byte comparison. */
#include "gridtypes/diagnose.h"

#include "core/gonet.h"
#include "json/reader.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bytes that must agree after a difference for the texts to count as agreeing again
 * (fewer when both texts end together). */
#define ANCHOR 8

typedef struct {
    const uint8_t *ours, *theirs;
    size_t olen, tlen;
    const gt_challenge_map *m;
    gt_challenge_difference *out;
    /* the blamed fragment and its bytes in theirs, when the difference lies inside it */
    const gt_challenge_fragment *frag;
    bool tfrag_known;
    size_t tfrag_start, tfrag_len;
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

/* Writes bytes escaped like the challenge map's text form into buf (for messages),
 * at most `max` of them, with "..." when there were more. */
static void esc(char *buf, size_t cap, const uint8_t *p, size_t n, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && i < max && k + 5 < cap; i++) {
        uint8_t c = p[i];
        if (c == '\\' || c == '\t' || c == '\n' || c == '\r')
            k += (size_t)snprintf(buf + k, cap - k, "\\%c", c == '\\' ? '\\' : c == '\t' ? 't' : c == '\n' ? 'n' : 'r');
        else if (c < 0x20 || c >= 0x7F)
            k += (size_t)snprintf(buf + k, cap - k, "\\x%02x", c);
        else
            buf[k++] = (char)c;
    }
    if (n > max && k + 4 < cap) {
        memcpy(buf + k, "...", 3);
        k += 3;
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

static bool bytes_are(const uint8_t *p, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(p, s, n) == 0;
}

static int lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static const char ipchars[] = "0123456789abcdefABCDEF.:/";

/* Go's normal text of an IP or IP net written as s[0..n), or false when Go would not
 * parse it. */
static bool normal_ip(const uint8_t *s, size_t n, char out[96])
{
    return all_in(s, n, ipchars) && gt_ip_normal_text((const char *)s, n, out);
}

/* A placeholder a client writes for a value it does not have. */
static bool placeholder(const uint8_t *p, size_t n)
{
    return bytes_are(p, n, "undefined") || bytes_are(p, n, "null") || bytes_are(p, n, "None") ||
           bytes_are(p, n, "nil");
}

/* ---- finding where the texts agree again ---- */

static bool agree_at(const diff *df, size_t a, size_t b)
{
    size_t ra = df->olen - a, rb = df->tlen - b;
    if (ra < ANCHOR || rb < ANCHOR)
        return ra == rb && memcmp(df->ours + a, df->theirs + b, ra) == 0;
    return memcmp(df->ours + a, df->theirs + b, ANCHOR) == 0;
}

/* From a difference at (i, j), the nearest (a, b) where the texts agree again: the
 * smallest drift (a - i) + (b - j), and for equal drifts the one that keeps more of ours.
 * Without one within GT_COMPARE_RESYNC_MAX, the ends of both texts. */
static void resync(const diff *df, size_t i, size_t j, size_t *a, size_t *b)
{
    size_t maxo = df->olen - i, maxt = df->tlen - j;
    for (size_t d = 1; d <= 2 * GT_COMPARE_RESYNC_MAX; d++) {
        for (size_t da = 0; da <= d; da++) {
            size_t db = d - da;
            if (da > maxo || db > maxt || da > GT_COMPARE_RESYNC_MAX || db > GT_COMPARE_RESYNC_MAX)
                continue;
            if (agree_at(df, i + da, j + db)) {
                *a = i + da;
                *b = j + db;
                return;
            }
        }
    }
    *a = df->olen;
    *b = df->tlen;
}

/* ---- which field a difference belongs to ---- */

static size_t frag_end(const gt_challenge_fragment *f)
{
    return f->start + f->len;
}

static size_t blame(const diff *df, size_t oa, size_t ol, const uint8_t *ins, size_t il)
{
    const gt_challenge_map *m = df->m;
    if (oa >= df->olen)
        return SIZE_MAX; /* after our last byte */
    if (ol > 0)
        return gt_challenge_map_find(m, oa);
    /* bytes inserted at oa: inside a value, or at a boundary between fields */
    size_t prev = SIZE_MAX, next = SIZE_MAX, empty = SIZE_MAX;
    for (size_t k = 0; k < m->nfrags; k++) {
        const gt_challenge_fragment *f = &m->frags[k];
        if (f->len && f->start < oa && oa < frag_end(f))
            return k;
        if (f->len && frag_end(f) == oa)
            prev = k;
        if (!f->len && f->start == oa && empty == SIZE_MAX)
            empty = k;
        if (f->len && f->start == oa && next == SIZE_MAX)
            next = k;
    }
    if (empty != SIZE_MAX && placeholder(ins, il))
        return empty;
    if (next != SIZE_MAX) {
        /* a prefix of the next value in another form of it ("::ffff:" before an IP) */
        const gt_challenge_fragment *f = &m->frags[next];
        uint8_t both[160];
        char norm[128];
        if (il + f->len <= sizeof both) {
            memcpy(both, ins, il);
            memcpy(both + il, df->ours + f->start, f->len);
            if (normal_ip(both, il + f->len, norm) && bytes_are(df->ours + f->start, f->len, norm))
                return next;
        }
    }
    if (prev != SIZE_MAX)
        return prev; /* bytes added to the end of a value */
    return next != SIZE_MAX ? next : empty;
}

/* ---- the recognisers ---- */

/* Bytes after our whole challenge. */
static void recognise_trailing(diff *df, const uint8_t *x, size_t xl)
{
    char shown[300], last[GT_ERROR_PATH_MAX] = "";
    esc(shown, sizeof shown, x, xl, 60);
    if (df->m->nfrags)
        snprintf(last, sizeof last, " (the last field is %s)", df->m->frags[df->m->nfrags - 1].path);
    if (bytes_are(x, xl, "\n"))
        cause(df, "trailing-newline",
              "their text only adds a newline at the end: probably the tool that saved it, not their challenge");
    else if (bytes_are(x, xl, "\r\n"))
        cause(df, "trailing-crlf",
              "their text only adds a CR LF line end at the end: an editor or a Windows tool added it, the "
              "challenge has none");
    else
        cause(df, "trailing-bytes",
              "their text has %zu byte%s after the end of ours ('%s')%s: the node's challenge ends there", xl,
              xl == 1 ? "" : "s", shown, last);
}

/* One or more whole fragments of ours are missing from theirs. */
static void recognise_missing(diff *df, size_t oa, size_t ol)
{
    const gt_challenge_map *m = df->m;
    size_t first = SIZE_MAX, count = 0, covered = 0;
    for (size_t k = 0; k < m->nfrags; k++) {
        const gt_challenge_fragment *f = &m->frags[k];
        if (!f->len || f->start < oa || frag_end(f) > oa + ol)
            continue;
        if (first == SIZE_MAX)
            first = k;
        count++;
        covered += f->len;
    }
    if (first == SIZE_MAX || covered != ol || m->frags[first].start != oa)
        return;
    const gt_challenge_fragment *f = &m->frags[first];
    char shown[256];
    esc(shown, sizeof shown, df->ours + f->start, f->len, 60);
    if (count == 1 && strcmp(f->path, "signature_requirement.signature_style") == 0)
        cause(df, "signature-style-missing",
              "signature_style is missing from their text: the node writes the style ('%s') at the end "
              "of the challenge whenever it is set",
              shown);
    else if (count == 1)
        cause(df, "field-missing", "their text lacks our whole fragment for %s ('%s'): they left the field out%s",
              f->path, shown,
              strstr(f->path, "wireguard_listen_port") ? " (the node writes the port even when it is 0)" : "");
    else
        cause(df, "field-missing", "their text lacks our %zu fragments from %s on (%zu bytes): they left those fields out",
              count, f->path, ol);
}

/* Bytes of theirs inserted where we have none, in words, when nothing more precise fits. */
static void extra_bytes(diff *df, size_t oa, const uint8_t *x, size_t xl)
{
    const gt_challenge_fragment *f = df->frag;
    char shown[300];
    esc(shown, sizeof shown, x, xl, 60);
    if (f && frag_end(f) == oa)
        cause(df, "extra-bytes",
              "their text has %zu extra byte%s ('%s') right after the value of %s; the node writes the value "
              "without them",
              xl, xl == 1 ? "" : "s", shown, f->path);
    else if (f)
        cause(df, "extra-bytes", "their text has %zu extra byte%s ('%s') in the value of %s", xl, xl == 1 ? "" : "s",
              shown, f->path);
    else
        cause(df, "extra-bytes", "their text has %zu extra byte%s here ('%s')", xl, xl == 1 ? "" : "s", shown);
}

/* Inserted bytes of a known kind: a placeholder for an empty field, ".0" after an
 * integer. Returns whether it said something. */
static bool recognise_inserted(diff *df, size_t oa, const uint8_t *x, size_t xl)
{
    const gt_challenge_fragment *f = df->frag;
    char shown[64];
    esc(shown, sizeof shown, x, xl, 20);
    if (f && !f->len && placeholder(x, xl)) {
        cause(df, "undefined-written",
              "%s is empty, and the node writes nothing for it; their text has '%s' there: a missing or null "
              "value written as text (JavaScript's undefined, Python's None)",
              f->path, shown);
        return true;
    }
    if (f && frag_end(f) == oa && bytes_are(x, xl, ".0") && all_in(df->ours + f->start, f->len, "0123456789")) {
        char num[32];
        esc(num, sizeof num, df->ours + f->start, f->len, 24);
        cause(df, "float-written",
              "%s is the integer %s; their text writes it as a float ('%s.0'), as Python's str() of a float "
              "does",
              f->path, num, num);
        return true;
    }
    return false;
}

static void recognise_nil(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    const uint8_t *o = df->ours + f->start;
    char theirs[128] = "";
    if (df->tfrag_known)
        esc(theirs, sizeof theirs, df->theirs + df->tfrag_start, df->tfrag_len, 60);
    if (bytes_are(o, f->len, "<nil>") && df->tfrag_known && df->tfrag_len)
        cause(df, "nil-net",
              "%s is an empty IP net, which the node prints as '<nil>' (Go's IPNet.String of an unset "
              "net); their implementation wrote '%s'",
              f->path, theirs);
    else if (bytes_are(o, f->len, "<nil>"))
        cause(df, "nil-net",
              "%s is an empty IP net, which the node prints as '<nil>' (Go's IPNet.String of an unset "
              "net); their implementation wrote nothing there",
              f->path);
    else if (df->tfrag_known && bytes_are(df->theirs + df->tfrag_start, df->tfrag_len, "<nil>"))
        cause(df, "nil-net",
              "their text has '<nil>' where the node writes %s: they printed an unset net the Go way "
              "where the node has a value",
              f->path);
}

static void recognise_placeholder(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    if (!df->tfrag_known || !placeholder(df->theirs + df->tfrag_start, df->tfrag_len))
        return;
    char ours[128], theirs[32];
    esc(ours, sizeof ours, df->ours + f->start, f->len, 60);
    esc(theirs, sizeof theirs, df->theirs + df->tfrag_start, df->tfrag_len, 20);
    cause(df, "undefined-written",
          "%s: the node writes '%s' (the Go zero value of a field that is unset or null); their text has '%s': "
          "a missing or null value written as text",
          f->path, ours, theirs);
}

static void recognise_case(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    if (!df->tfrag_known || df->tfrag_len != f->len)
        return;
    const uint8_t *o = df->ours + f->start, *t = df->theirs + df->tfrag_start;
    for (size_t i = 0; i < f->len; i++)
        if (lower(o[i]) != lower(t[i]))
            return;
    if (bytes_are(o, f->len, "true") || bytes_are(o, f->len, "false"))
        cause(df, "python-bool",
              "%s is a bool: the node writes '%s', theirs has it capitalised, as Python's str() of a bool does",
              f->path, o[0] == 't' ? "true" : "false");
    else if (all_in(o, f->len, "0123456789abcdef"))
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
    if (!df->tfrag_known || !all_in(o, f->len, ipchars) || (!memchr(o, '.', f->len) && !memchr(o, ':', f->len)))
        return;
    const uint8_t *t = df->theirs + df->tfrag_start;
    size_t tl = df->tfrag_len;
    if (!all_in(t, tl, ipchars))
        return;
    char norm[128], theirs[128], ours[128];
    esc(theirs, sizeof theirs, t, tl, 60);
    esc(ours, sizeof ours, o, f->len, 60);
    if (normal_ip(t, tl, norm) && bytes_are(o, f->len, norm))
        cause(df, "ip-unnormalised",
              "%s: the IP is written unnormalised: they wrote '%s', the node writes it as Go's net.IP.String "
              "does: '%s' (lower case, shortest IPv6 form, IPv4-mapped addresses as IPv4)",
              f->path, theirs, ours);
    else
        cause(df, "ip-different",
              "%s is an IP: the node writes '%s' (Go's normal form), theirs has '%s' there", f->path, ours, theirs);
}

static void recognise_big_number(diff *df)
{
    const gt_challenge_fragment *f = df->frag;
    const uint8_t *o = df->ours + f->start;
    uint64_t v;
    if (f->len > 20 || !gt_json_parse_u64(o, o + f->len, &v) || v <= ((uint64_t)1 << 53))
        return;
    char theirs[64] = "?";
    if (df->tfrag_known)
        esc(theirs, sizeof theirs, df->theirs + df->tfrag_start, df->tfrag_len, 40);
    cause(df, "number-above-2^53",
          "%s is %.*s, above 2^53 (9007199254740992): an implementation that keeps JSON numbers as doubles "
          "(JavaScript) rounds it (theirs: '%s'); the node keeps all 64 bits",
          f->path, (int)f->len, (const char *)o, theirs);
}

/* Explains the difference our [oa, oa+ol) / their [ta, ta+tl). */
static void explain(diff *df, size_t oa, size_t ol, size_t ta, size_t tl)
{
    gt_challenge_difference *o = df->out;
    o->ours_offset = oa;
    o->ours_len = ol;
    o->theirs_offset = ta;
    o->theirs_len = tl;
    o->fragment = blame(df, oa, ol, df->theirs + ta, tl);
    df->frag = o->fragment != SIZE_MAX ? &df->m->frags[o->fragment] : NULL;
    df->tfrag_known = false;
    if (oa >= df->olen && ol == 0) {
        recognise_trailing(df, df->theirs + ta, tl);
        return;
    }
    if (tl == 0)
        recognise_missing(df, oa, ol);
    if (ol == 0 && recognise_inserted(df, oa, df->theirs + ta, tl))
        return;
    const gt_challenge_fragment *f = df->frag;
    if (!f) {
        if (ol == 0)
            extra_bytes(df, oa, df->theirs + ta, tl);
        return;
    }
    /* Their version of the field, when the difference lies within it: the field's bytes
     * with our span replaced by theirs. */
    if (f->start <= oa && oa + ol <= frag_end(f) && ta >= oa - f->start) {
        df->tfrag_known = true;
        df->tfrag_start = ta - (oa - f->start);
        df->tfrag_len = f->len - ol + tl;
        if (df->tfrag_start + df->tfrag_len > df->tlen)
            df->tfrag_known = false;
    }
    size_t before = o->ncauses;
    recognise_placeholder(df);
    recognise_nil(df);
    recognise_case(df);
    recognise_ip(df);
    recognise_big_number(df);
    if (ol == 0 && o->ncauses == before)
        extra_bytes(df, oa, df->theirs + ta, tl);
}

/* ---- what theirs is ---- */

static bool space(uint8_t c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Decodes hex text (spaces, tabs and newlines ignored, an optional 0x) into a new buffer. */
static int unhex(const uint8_t *s, size_t n, uint8_t **out, size_t *out_len, gt_error *err)
{
    uint8_t *o = malloc(n / 2 + 1);
    if (!o)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    size_t k = 0, i = 0;
    int hi = -1;
    while (i < n && space(s[i]))
        i++;
    if (n - i >= 2 && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        i += 2;
    for (; i < n; i++) {
        uint8_t c = s[i];
        if (space(c))
            continue;
        int v = gt_hex_digit(c);
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

/* 32 hex digits (an optional 0x, spaces around): a hash. Writes it in lower case. */
static bool hash_text(const uint8_t *s, size_t n, char out[33])
{
    while (n && space(s[n - 1]))
        n--;
    while (n && space(*s))
        s++, n--;
    if (n == 34 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        s += 2, n -= 2;
    if (n != 32)
        return false;
    for (size_t i = 0; i < 32; i++)
        if (gt_hex_digit(s[i]) < 0)
            return false; /* out untouched: a text that is not a hash leaves theirs_hash "" */
    for (size_t i = 0; i < 32; i++)
        out[i] = (char)lower(s[i]);
    out[32] = '\0';
    return true;
}

/* A JSON object that decodes as a deployment: its challenge, in *text. */
static bool deployment_text(const uint8_t *s, size_t n, uint8_t **text, size_t *len)
{
    size_t i = 0;
    while (i < n && space(s[i]))
        i++;
    if (i >= n || s[i] != '{')
        return false;
    gt_deployment *d;
    if (gt_deployment_parse(s, n, &d, NULL) != GT_OK)
        return false;
    char *t;
    bool ok = gt_deployment_challenge(d, &t, len, NULL) == GT_OK;
    gt_deployment_free(d);
    if (ok)
        *text = (uint8_t *)t;
    return ok;
}

/* theirs as given, copied into c. */
static int copy_given(gt_comparison *c, const uint8_t *given, size_t len, gt_error *err)
{
    c->theirs = malloc(len ? len : 1);
    if (!c->theirs)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    if (len)
        memcpy(c->theirs, given, len);
    c->theirs_len = len;
    return GT_OK;
}

int gt_challenge_compare(const gt_deployment *d, const void *theirs, size_t len, unsigned flags,
                         gt_comparison **out, gt_error *err)
{
    if (out)
        *out = NULL;
    if (!d || !out || (!theirs && len))
        return gt_error_set(err, GT_EARG, "gt_challenge_compare: NULL argument");
    if (flags & ~(unsigned)(GT_COMPARE_HEX | GT_COMPARE_ALL))
        return gt_error_set(err, GT_EARG, "gt_challenge_compare: unknown flags 0x%x", flags);
    gt_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return gt_error_set(err, GT_ENOMEM, "out of memory");
    int rc = gt_challenge_map_build(d, &c->ours, err);
    if (rc == GT_OK)
        rc = gt_deployment_challenge_hash_hex(d, c->ours_hash, err);
    const uint8_t *given = theirs;
    if (rc == GT_OK && !(flags & GT_COMPARE_HEX) && hash_text(given, len, c->theirs_hash)) {
        c->theirs_kind = GT_THEIRS_HASH;
        rc = copy_given(c, given, len, err);
    } else if (rc == GT_OK && (flags & GT_COMPARE_HEX)) {
        rc = unhex(given, len, &c->theirs, &c->theirs_len, err);
        if (rc == GT_OK && c->theirs_len == GT_HASH_SIZE && c->ours.len != GT_HASH_SIZE) {
            c->theirs_kind = GT_THEIRS_HASH;
            gt_hex_encode(c->theirs, GT_HASH_SIZE, c->theirs_hash);
        }
    } else if (rc == GT_OK && deployment_text(given, len, &c->theirs, &c->theirs_len)) {
        c->theirs_kind = GT_THEIRS_DEPLOYMENT;
    } else if (rc == GT_OK) {
        rc = copy_given(c, given, len, err);
    }
    if (rc == GT_OK && c->theirs_kind == GT_THEIRS_HASH) {
        c->equal = strcmp(c->ours_hash, c->theirs_hash) == 0;
        return *out = c, GT_OK;
    }
    if (rc != GT_OK) {
        gt_comparison_free(c);
        return rc;
    }

    const gt_challenge_map *m = &c->ours;
    diff df = {.ours = m->bytes, .theirs = c->theirs, .olen = m->len, .tlen = c->theirs_len, .m = m};
    size_t i = 0, j = 0, cap = 0;
    for (;;) {
        while (i < df.olen && j < df.tlen && df.ours[i] == df.theirs[j])
            i++, j++;
        if (i == df.olen && j == df.tlen)
            break;
        if (c->ndiffs == GT_COMPARE_DIFFS_MAX) {
            c->truncated = true;
            break;
        }
        if (c->ndiffs == cap) {
            size_t ncap = cap ? 2 * cap : 4;
            gt_challenge_difference *nd = realloc(c->diffs, ncap * sizeof *nd);
            if (!nd) {
                gt_comparison_free(c);
                return gt_error_set(err, GT_ENOMEM, "out of memory");
            }
            c->diffs = nd;
            cap = ncap;
        }
        size_t a, b;
        resync(&df, i, j, &a, &b);
        df.out = &c->diffs[c->ndiffs++];
        memset(df.out, 0, sizeof *df.out);
        explain(&df, i, a - i, j, b - j);
        i = a;
        j = b;
        if (!(flags & GT_COMPARE_ALL))
            break;
    }
    c->equal = c->ndiffs == 0;
    *out = c;
    return GT_OK;
}

const char *gt_theirs_kind_name(gt_theirs_kind k)
{
    return k == GT_THEIRS_HASH ? "hash" : k == GT_THEIRS_DEPLOYMENT ? "deployment" : "challenge";
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
