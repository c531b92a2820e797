/* gridtypes hash --compare: where another implementation's challenge leaves ours, which
 * field wrote the byte there, and, when the pattern is a known one, why.
 *
 * The known patterns are the ways client libraries have been seen to disagree with the
 * node: an IP written as the user typed it instead of Go's normal form, an empty IP net
 * (which Go prints as "<nil>"), hex in upper case, integers above 2^53 rounded by a double,
 * and a field left out entirely (signature_style, a zero WireGuard port). Each recogniser
 * only adds words; the verdict is the byte comparison. */
#include "cli.h"

#include "core/gonet.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define CONTEXT 24 /* bytes shown before the difference */
#define SHOWN 56   /* bytes shown in all */

typedef struct {
    const uint8_t *ours, *theirs;
    size_t olen, tlen;
    size_t at;                  /* first differing offset */
    const cli_chmap *m;
    const cli_fragment *frag;   /* ours, holding `at` */
    bool resync;                /* theirs ends like ours after frag: tfrag_len is exact */
    size_t tfrag_len;           /* their bytes in place of frag (from frag->start) */
    char causes[6][512];
    const char *kinds[6];
    size_t ncauses;
} diff;

static void cause(diff *df, const char *kind, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void cause(diff *df, const char *kind, const char *fmt, ...)
{
    if (df->ncauses >= sizeof df->causes / sizeof df->causes[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(df->causes[df->ncauses], sizeof df->causes[0], fmt, ap);
    va_end(ap);
    df->kinds[df->ncauses++] = kind;
}

/* Writes bytes escaped like the challenge map into buf (for messages). */
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
    const cli_fragment *f = df->frag;
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
    const cli_fragment *f = df->frag;
    if (df->resync)
        return df->tfrag_len;
    return run_of(df->theirs + f->start, df->tlen - f->start, set);
}

/* A field of ours is missing from theirs, or theirs has bytes we do not. */
static void recognise_missing(diff *df)
{
    const cli_fragment *f = df->frag;
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
    const cli_fragment *f = df->frag;
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
    const cli_fragment *f = df->frag;
    if (df->tlen < f->start + f->len)
        return;
    const uint8_t *o = df->ours + f->start, *t = df->theirs + f->start;
    bool same_fold = true;
    for (size_t i = 0; i < f->len && same_fold; i++)
        same_fold = tolower(o[i]) == tolower(t[i]);
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
    const cli_fragment *f = df->frag;
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

static void recognise_big_number(diff *df)
{
    const cli_fragment *f = df->frag;
    const uint8_t *o = df->ours + f->start;
    if (!all_in(o, f->len, "0123456789") || f->len > 20)
        return;
    char num[24];
    memcpy(num, o, f->len);
    num[f->len] = '\0';
    uint64_t v;
    if (!cli_parse_u64(num, UINT64_MAX, &v) || v <= ((uint64_t)1 << 53))
        return;
    char theirs[64];
    size_t tl = their_len(df, "0123456789.eE+-");
    esc(theirs, sizeof theirs, df->theirs + f->start, tl < 40 ? tl : 40);
    cause(df, "number-above-2^53",
          "%s is %s, above 2^53 (9007199254740992): an implementation that keeps JSON numbers as doubles "
          "(JavaScript) rounds it (theirs: '%s'); the node keeps all 64 bits",
          f->path, num, theirs);
}

static void recognise_newline(diff *df)
{
    if (df->tlen == df->olen + 1 && df->at == df->olen && df->theirs[df->olen] == '\n')
        cause(df, "trailing-newline",
              "their text only adds a newline at the end: probably the tool that saved it, not their challenge");
}

/* Prints one line of context: `label` then the escaped bytes around the difference, and
 * returns how many columns precede the differing byte (for the caret). */
static size_t context_line(const char *label, const uint8_t *p, size_t n, size_t from, size_t at)
{
    char buf[SHOWN * 4 + 8];
    size_t end = from + SHOWN < n ? from + SHOWN : n;
    esc(buf, sizeof buf, p + from, at > from ? (at < end ? at - from : end - from) : 0);
    size_t col = strlen(buf);
    printf("  %s%s%s", label, from > 0 ? "..." : "", buf);
    if (at < end) {
        esc(buf, sizeof buf, p + at, end - at);
        fputs(buf, stdout);
    }
    printf("%s\n", end < n ? "..." : "");
    return col + (from > 0 ? 3 : 0);
}

/* Decodes hex text (spaces and newlines ignored, an optional 0x) into a new buffer. */
static uint8_t *unhex(const char *s, size_t n, size_t *out_len, size_t *bad)
{
    uint8_t *out = malloc(n / 2 + 1);
    if (!out)
        return NULL;
    size_t k = 0, i = 0;
    int hi = -1;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        i = 2;
    *bad = SIZE_MAX;
    for (; i < n; i++) {
        char c = s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t')
            continue;
        int v = isdigit((unsigned char)c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (v < 0) {
            *bad = i;
            break;
        }
        if (hi < 0) {
            hi = v;
        } else {
            out[k++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    if (hi >= 0 && *bad == SIZE_MAX)
        *bad = n;
    *out_len = k;
    return out;
}

int cli_compare(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, const cli_input *theirs,
                bool theirs_hex)
{
    cli_chmap m;
    gt_error e;
    if (cli_chmap_build(d, &m, &e) != GT_OK) {
        cli_chmap_free(&m);
        return cli_refuse(ctx, in, "cannot compute the challenge", &e);
    }
    const uint8_t *tb = (const uint8_t *)theirs->data;
    size_t tlen = theirs->len;
    uint8_t *decoded = NULL;
    if (theirs_hex) {
        size_t bad;
        decoded = unhex(theirs->data, theirs->len, &tlen, &bad);
        if (!decoded || bad != SIZE_MAX) {
            cli_ioerr why = {CLI_USAGE, "value", ""};
            if (!decoded)
                why.code = "memory", snprintf(why.message, sizeof why.message, "out of memory");
            else if (bad == theirs->len)
                snprintf(why.message, sizeof why.message, "%s: odd number of hex digits", theirs->name);
            else
                snprintf(why.message, sizeof why.message, "%s: not hex at byte %zu", theirs->name, bad);
            cli_report_ioerr(ctx, &why);
            free(decoded);
            cli_chmap_free(&m);
            return CLI_USAGE;
        }
        tb = decoded;
    }

    diff df = {.ours = m.bytes, .theirs = tb, .olen = m.len, .tlen = tlen, .m = &m};
    size_t n = m.len < tlen ? m.len : tlen;
    while (df.at < n && m.bytes[df.at] == tb[df.at])
        df.at++;
    bool equal = df.at == m.len && m.len == tlen;
    size_t fi = equal ? SIZE_MAX : cli_chmap_find(&m, df.at);
    if (fi != SIZE_MAX) {
        df.frag = &m.frags[fi];
        resync(&df);
        recognise_newline(&df);
        if (!df.ncauses) {
            recognise_missing(&df);
            recognise_nil(&df);
            recognise_case(&df);
            recognise_ip(&df);
            recognise_big_number(&df);
        }
    }

    size_t from = df.at > CONTEXT ? df.at - CONTEXT : 0;
    if (ctx->json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, equal);
        if (!equal) {
            char msg[160];
            snprintf(msg, sizeof msg, "the challenges differ at byte %zu (ours %zu bytes, theirs %zu bytes)", df.at,
                     m.len, tlen);
            gt_error de;
            gt_error_set(&de, GT_EVALUE, "%s", msg);
            gt_error_at(&de, GT_NO_OFFSET, df.frag ? df.frag->path : "");
            cli_loc loc; /* the field that wrote the differing byte, in the deployment */
            cli_error_loc(in, &de, &loc);
            jw_key(&w, "error");
            jw_error(&w, &de, &loc);
        }
        jw_key(&w, "equal");
        jw_bool(&w, equal);
        jw_key(&w, "ours_length");
        jw_u64(&w, m.len);
        jw_key(&w, "theirs_length");
        jw_u64(&w, tlen);
        if (!equal) {
            jw_key(&w, "offset");
            jw_u64(&w, df.at);
            jw_key(&w, "path");
            jw_str(&w, df.frag ? df.frag->path : NULL);
            if (df.frag) {
                jw_key(&w, "fragment_offset");
                jw_u64(&w, df.frag->start);
                jw_key(&w, "fragment_hex");
                jw_hex(&w, m.bytes + df.frag->start, df.frag->len);
            }
            size_t oe = from + SHOWN < m.len ? from + SHOWN : m.len;
            size_t te = from + SHOWN < tlen ? from + SHOWN : tlen;
            jw_key(&w, "ours_context_hex");
            jw_hex(&w, m.bytes + from, oe - from);
            jw_key(&w, "theirs_context_hex");
            jw_hex(&w, tb + (from < tlen ? from : tlen), te > from ? te - from : 0);
            jw_key(&w, "context_offset");
            jw_u64(&w, from);
            jw_key(&w, "causes");
            jw_arr(&w);
            for (size_t i = 0; i < df.ncauses; i++) {
                jw_obj(&w);
                jw_key(&w, "kind");
                jw_str(&w, df.kinds[i]);
                jw_key(&w, "text");
                jw_str(&w, df.causes[i]);
                jw_obj_end(&w);
            }
            jw_arr_end(&w);
        }
        jw_obj_end(&w);
        jw_end(&w);
    } else if (equal) {
        printf("equal (%zu bytes)\n", m.len);
    } else {
        printf("different at byte %zu (ours %zu bytes, theirs %zu bytes)\n", df.at, m.len, tlen);
        if (df.frag) {
            printf("  field: %s (our fragment: bytes %zu..%zu, '", df.frag->path, df.frag->start,
                   df.frag->start + df.frag->len);
            cli_write_escaped(stdout, m.bytes + df.frag->start, df.frag->len < 80 ? df.frag->len : 80);
            printf("%s')\n", df.frag->len > 80 ? "..." : "");
        }
        size_t col = context_line("ours:   ", m.bytes, m.len, from, df.at);
        context_line("theirs: ", tb, tlen, from < tlen ? from : tlen, df.at);
        printf("  %*s^\n", (int)(col + 8), "");
        for (size_t i = 0; i < df.ncauses; i++)
            printf("  likely cause: %s\n", df.causes[i]);
    }
    free(decoded);
    cli_chmap_free(&m);
    return equal ? CLI_OK : CLI_REFUSED;
}
