/* --json output: a streaming writer of indented JSON. Field names and values come from
 * deployments, which may hold any byte, so strings are checked as UTF-8 and bad bytes
 * become U+FFFD: whatever we print, a JSON parser accepts. Numbers are written exactly
 * (uint64 included); readers that need them exact must not parse them as doubles. */
#include "cli.h"

#include <inttypes.h>
#include <string.h>

void jw_init(jw *w, FILE *f)
{
    memset(w, 0, sizeof *w);
    w->f = f;
}

static void indent(jw *w)
{
    fputc('\n', w->f);
    for (int i = 0; i < w->depth; i++)
        fputs("  ", w->f);
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
            fputc(',', w->f);
        w->first[w->depth] = false;
        indent(w);
    }
}

static void open_level(jw *w, char c)
{
    before(w);
    fputc(c, w->f);
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
    fputc(c, w->f);
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

static void put_string(FILE *f, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', f);
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc(c, f);
            i++;
        } else if (c == '\n') {
            fputs("\\n", f);
            i++;
        } else if (c == '\t') {
            fputs("\\t", f);
            i++;
        } else if (c == '\r') {
            fputs("\\r", f);
            i++;
        } else if (c < 0x20 || c == 0x7F) {
            fprintf(f, "\\u%04x", c);
            i++;
        } else if (c < 0x80) {
            fputc(c, f);
            i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (k == 0) {
                fputs("\\ufffd", f);
                i++;
            } else {
                fwrite(p + i, 1, k, f);
                i += k;
            }
        }
    }
    fputc('"', f);
}

void jw_key(jw *w, const char *key)
{
    before(w);
    put_string(w->f, key, strlen(key));
    fputs(": ", w->f);
    w->after_key = true;
}

void jw_strn(jw *w, const char *s, size_t n)
{
    before(w);
    put_string(w->f, s ? s : "", s ? n : 0);
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
    before(w);
    fprintf(w->f, "%" PRIu64, v);
}

void jw_i64(jw *w, int64_t v)
{
    before(w);
    fprintf(w->f, "%" PRId64, v);
}

void jw_bool(jw *w, bool v)
{
    before(w);
    fputs(v ? "true" : "false", w->f);
}

void jw_null(jw *w)
{
    before(w);
    fputs("null", w->f);
}

void jw_hex(jw *w, const uint8_t *b, size_t n)
{
    before(w);
    fputc('"', w->f);
    for (size_t i = 0; i < n; i++)
        fprintf(w->f, "%02x", b[i]);
    fputc('"', w->f);
}

void jw_raw(jw *w, const char *json, size_t n)
{
    before(w);
    fwrite(json, 1, n, w->f);
}

void jw_end(jw *w)
{
    fputc('\n', w->f);
    fflush(w->f);
}

void jw_error(jw *w, const gt_error *e, const cli_loc *loc)
{
    jw_obj(w);
    jw_key(w, "code");
    jw_i64(w, e->code);
    jw_key(w, "status");
    jw_str(w, gt_status_name(e->code));
    jw_key(w, "message");
    jw_strn(w, e->message, e->message_len < sizeof e->message ? e->message_len : strlen(e->message));
    jw_key(w, "path");
    jw_str(w, e->path);
    jw_key(w, "offset");
    if (loc && loc->known)
        jw_u64(w, loc->offset);
    else
        jw_null(w);
    if (loc && loc->known) {
        jw_key(w, "line");
        jw_u64(w, loc->line);
        jw_key(w, "column");
        jw_u64(w, loc->col);
    }
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
