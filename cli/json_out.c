/* --json output: a streaming writer of JSON into a growing buffer, written out whole at
 * the end (jw_end) or handed to the caller (a line of a batch, jw_take). Field names and
 * values come from deployments, which may hold any byte, so strings are checked as UTF-8
 * and bad bytes become U+FFFD: whatever we print, a JSON parser accepts. Numbers are
 * written exactly (uint64 included); readers that need them exact must not parse them as
 * doubles.
 *
 * This file is also the one place where the shapes shared by every command are written:
 * the error object, the refusal, the I/O error and a capacity (docs/cli-json.md). */
#include "cli.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static void jw_reset(jw *w, FILE *f, bool compact)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->compact = compact;
}

void jw_init(jw *w, FILE *f)
{
    jw_reset(w, f, false);
}

void jw_init_line(jw *w)
{
    jw_reset(w, NULL, true);
}

/* Makes room for n more bytes; on failure the document is marked incomplete and every
 * later write is dropped (jw_end reports it). */
static bool room(jw *w, size_t n)
{
    if (w->oom)
        return false;
    if (w->len + n <= w->cap)
        return true;
    size_t ncap = w->cap ? w->cap : 256;
    while (ncap < w->len + n)
        ncap *= 2;
    char *nb = realloc(w->buf, ncap);
    if (!nb) {
        w->oom = true;
        return false;
    }
    w->buf = nb;
    w->cap = ncap;
    return true;
}

static void put(jw *w, const void *p, size_t n)
{
    if (room(w, n)) {
        memcpy(w->buf + w->len, p, n);
        w->len += n;
    }
}

static void putc_(jw *w, char c)
{
    if (room(w, 1))
        w->buf[w->len++] = c;
}

static void puts_(jw *w, const char *s)
{
    put(w, s, strlen(s));
}

static void indent(jw *w)
{
    if (w->compact)
        return;
    putc_(w, '\n');
    for (int i = 0; i < w->depth; i++)
        put(w, "  ", 2);
}

/* Called before every value and key: the comma and line break that separate it from the
 * previous one. A value right after its key stays on the key's line. */
static void before(jw *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth > 0) {
        if (!w->first[w->depth])
            putc_(w, ',');
        w->first[w->depth] = false;
        indent(w);
    }
}

static void open_level(jw *w, char c)
{
    before(w);
    putc_(w, c);
    if (w->depth + 1 < (int)(sizeof w->first / sizeof w->first[0]))
        w->depth++;
    w->first[w->depth] = true;
}

static void close_level(jw *w, char c)
{
    bool empty = w->first[w->depth];
    if (w->depth > 0)
        w->depth--;
    if (!empty)
        indent(w);
    putc_(w, c);
}

void jw_obj(jw *w) { open_level(w, '{'); }
void jw_obj_end(jw *w) { close_level(w, '}'); }
void jw_arr(jw *w) { open_level(w, '['); }
void jw_arr_end(jw *w) { close_level(w, ']'); }

/* The length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one (overlong
 * forms, surrogates and values above U+10FFFF are invalid, as Go's decoder says). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    uint32_t min, cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, cp = c & 0x07;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

static void put_string(jw *w, const char *s, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    putc_(w, '"');
    for (size_t i = 0; i < n;) {
        /* a run of bytes that need nothing goes in one copy */
        size_t run = i;
        while (run < n && p[run] >= 0x20 && p[run] < 0x7F && p[run] != '"' && p[run] != '\\')
            run++;
        if (run > i) {
            put(w, p + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(w, e, 2);
            i++;
        } else if (c == '\n') {
            put(w, "\\n", 2);
            i++;
        } else if (c == '\t') {
            put(w, "\\t", 2);
            i++;
        } else if (c == '\r') {
            put(w, "\\r", 2);
            i++;
        } else if (c < 0x80) {
            char e[6] = {'\\', 'u', '0', '0', hx[c >> 4], hx[c & 15]};
            put(w, e, 6);
            i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (k == 0) {
                put(w, "\\ufffd", 6);
                i++;
            } else {
                put(w, p + i, k);
                i += k;
            }
        }
    }
    putc_(w, '"');
}

void jw_key(jw *w, const char *key)
{
    before(w);
    put_string(w, key, strlen(key));
    if (w->compact)
        putc_(w, ':');
    else
        put(w, ": ", 2);
    w->after_key = true;
}

void jw_strn(jw *w, const char *s, size_t n)
{
    before(w);
    put_string(w, s ? s : "", s ? n : 0);
}

void jw_str(jw *w, const char *s)
{
    if (!s) {
        jw_null(w);
        return;
    }
    jw_strn(w, s, strlen(s));
}

void jw_gstr(jw *w, gt_str s)
{
    jw_strn(w, s.ptr, s.len);
}

void jw_u64(jw *w, uint64_t v)
{
    char b[24];
    before(w);
    int n = snprintf(b, sizeof b, "%" PRIu64, v);
    put(w, b, (size_t)n);
}

void jw_i64(jw *w, int64_t v)
{
    char b[24];
    before(w);
    int n = snprintf(b, sizeof b, "%" PRId64, v);
    put(w, b, (size_t)n);
}

void jw_bool(jw *w, bool v)
{
    before(w);
    puts_(w, v ? "true" : "false");
}

void jw_null(jw *w)
{
    before(w);
    puts_(w, "null");
}

void jw_hex(jw *w, const uint8_t *b, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    before(w);
    if (!room(w, 2 * n + 2))
        return;
    w->buf[w->len++] = '"';
    for (size_t i = 0; i < n; i++) {
        w->buf[w->len++] = hx[b[i] >> 4];
        w->buf[w->len++] = hx[b[i] & 15];
    }
    w->buf[w->len++] = '"';
}

void jw_raw(jw *w, const char *json, size_t n)
{
    before(w);
    put(w, json, n);
}

void jw_end(jw *w)
{
    putc_(w, '\n');
    if (w->f) {
        if (w->oom)
            fputs(CLI_JSON_OOM_LINE, w->f);
        else
            fwrite(w->buf, 1, w->len, w->f);
        fflush(w->f);
        jw_free(w);
    }
}

char *jw_take(jw *w, size_t *len)
{
    char *b = w->oom ? NULL : w->buf;
    *len = w->oom ? 0 : w->len;
    if (w->oom)
        free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
    return b;
}

void jw_free(jw *w)
{
    free(w->buf);
    w->buf = NULL;
    w->len = w->cap = 0;
}

/* ---- the shapes every command shares ---- */

void jw_where(jw *w, const cli_loc *loc)
{
    bool at = loc && loc->known;
    jw_key(w, "offset");
    at ? jw_u64(w, loc->offset) : jw_null(w);
    jw_key(w, "line");
    at ? jw_u64(w, loc->line) : jw_null(w);
    jw_key(w, "column");
    at ? jw_u64(w, loc->col) : jw_null(w);
}

void jw_error(jw *w, const gt_error *e, const cli_loc *loc)
{
    jw_obj(w);
    jw_key(w, "code");
    jw_str(w, gt_status_name(e->code));
    jw_key(w, "message");
    jw_strn(w, e->message, e->message_len < sizeof e->message ? e->message_len : strlen(e->message));
    jw_key(w, "path");
    jw_str(w, e->path);
    jw_where(w, loc);
    jw_obj_end(w);
}

void jw_refusal_members(jw *w, const cli_input *in, const char *stage, const gt_error *e)
{
    cli_loc loc;
    cli_error_loc(in, e, &loc);
    jw_key(w, "ok");
    jw_bool(w, false);
    if (stage) {
        jw_key(w, "stage");
        jw_str(w, stage);
    }
    jw_key(w, "error");
    jw_error(w, e, &loc);
}

void jw_failure_members(jw *w, const char *code, const char *message)
{
    jw_key(w, "ok");
    jw_bool(w, false);
    jw_key(w, "error");
    jw_obj(w);
    jw_key(w, "code");
    jw_str(w, code);
    jw_key(w, "message");
    jw_str(w, message);
    jw_key(w, "path");
    jw_str(w, "");
    jw_where(w, NULL);
    jw_obj_end(w);
}

void jw_capacity(jw *w, const gt_capacity *c)
{
    jw_obj(w);
    jw_key(w, "cru");
    jw_u64(w, c->cru);
    jw_key(w, "mru");
    jw_u64(w, c->mru);
    jw_key(w, "sru");
    jw_u64(w, c->sru);
    jw_key(w, "hru");
    jw_u64(w, c->hru);
    jw_key(w, "ipv4u");
    jw_u64(w, c->ipv4u);
    jw_obj_end(w);
}
