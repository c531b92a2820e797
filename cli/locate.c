/* Pointing at the place in the input an error is about. The library's validation errors
 * carry a JSON path but no offset (the decoded deployment no longer knows where a value
 * was written), and errors from decoding a workload's `data` carry an offset relative to
 * that data. To print "file:line:col" for both, this walks the input once more along the
 * path. It only points; it never decides anything, so approximating Go's key matching
 * (exact match first, then ASCII case-insensitive; the last of repeated keys) is enough. */
#include "cli.h"

#include <ctype.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t n;
} scan;

static size_t skip_ws(const scan *sc, size_t i)
{
    while (i < sc->n && (sc->s[i] == ' ' || sc->s[i] == '\t' || sc->s[i] == '\n' || sc->s[i] == '\r'))
        i++;
    return i;
}

/* The end of the string starting at the quote at i (just past the closing quote). */
static size_t skip_string(const scan *sc, size_t i)
{
    for (i++; i < sc->n; i++) {
        if (sc->s[i] == '\\')
            i++;
        else if (sc->s[i] == '"')
            return i + 1;
    }
    return sc->n;
}

/* The end of the value starting at i. Iterative, so deeply nested junk cannot exhaust
 * the stack; brackets are counted without checking that they pair up. */
static size_t skip_value(const scan *sc, size_t i)
{
    size_t depth = 0;
    while (i < sc->n) {
        char c = sc->s[i];
        if (c == '"') {
            i = skip_string(sc, i);
            if (depth == 0)
                return i;
            continue;
        }
        if (c == '{' || c == '[') {
            depth++;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return i;
            if (--depth == 0)
                return i + 1;
        } else if (depth == 0 && (c == ',' || c == ':' || c == ' ' || c == '\n' || c == '\t' || c == '\r')) {
            return i;
        }
        i++;
    }
    return i;
}

/* Decodes the key string at i (a quote) into buf, simple escapes only (keys that matter
 * here are ASCII). Returns its length, or (size_t)-1 when it does not fit. */
static size_t read_key(const scan *sc, size_t i, char *buf, size_t cap)
{
    size_t len = 0;
    for (i++; i < sc->n && sc->s[i] != '"'; i++) {
        char c = sc->s[i];
        if (c == '\\' && i + 1 < sc->n) {
            c = sc->s[++i];
            if (c == 'u' && i + 4 < sc->n) {
                unsigned v = 0;
                for (int k = 1; k <= 4; k++) {
                    char h = sc->s[i + (size_t)k];
                    v = v * 16 + (unsigned)(isdigit((unsigned char)h) ? h - '0' : (tolower((unsigned char)h) - 'a' + 10));
                }
                i += 4;
                c = v < 0x80 ? (char)v : '?';
            } else if (c == 'n') {
                c = '\n';
            } else if (c == 't') {
                c = '\t';
            }
        }
        if (len >= cap)
            return (size_t)-1;
        buf[len++] = c;
    }
    return len;
}

static bool key_equal(const char *a, size_t an, const char *b, size_t bn, bool fold)
{
    if (an != bn)
        return false;
    for (size_t i = 0; i < an; i++) {
        char x = a[i], y = b[i];
        if (fold) {
            x = (char)tolower((unsigned char)x);
            y = (char)tolower((unsigned char)y);
        }
        if (x != y)
            return false;
    }
    return true;
}

/* In the object at i, the value of member `key`; (size_t)-1 when absent. */
static size_t member(const scan *sc, size_t i, const char *key, size_t klen)
{
    size_t exact = (size_t)-1, folded = (size_t)-1;
    i = skip_ws(sc, i + 1);
    char buf[256];
    while (i < sc->n && sc->s[i] == '"') {
        size_t kl = read_key(sc, i, buf, sizeof buf);
        i = skip_ws(sc, skip_string(sc, i));
        if (i >= sc->n || sc->s[i] != ':')
            break;
        size_t v = skip_ws(sc, i + 1);
        if (kl != (size_t)-1) {
            if (key_equal(buf, kl, key, klen, false))
                exact = v;
            else if (key_equal(buf, kl, key, klen, true))
                folded = v;
        }
        i = skip_ws(sc, skip_value(sc, v));
        if (i < sc->n && sc->s[i] == ',')
            i = skip_ws(sc, i + 1);
        else
            break;
    }
    return exact != (size_t)-1 ? exact : folded;
}

/* In the array at i, element `index`; (size_t)-1 when absent. */
static size_t element(const scan *sc, size_t i, size_t index)
{
    i = skip_ws(sc, i + 1);
    for (size_t k = 0; i < sc->n && sc->s[i] != ']'; k++) {
        if (k == index)
            return i;
        i = skip_ws(sc, skip_value(sc, i));
        if (i < sc->n && sc->s[i] == ',')
            i = skip_ws(sc, i + 1);
        else
            break;
    }
    return (size_t)-1;
}

bool cli_locate_path(const char *json, size_t len, const char *path, size_t *offset)
{
    scan sc = {json, len};
    size_t at = skip_ws(&sc, 0);
    if (at >= len)
        return false;
    const char *p = path;
    while (*p) {
        size_t next = (size_t)-1;
        if (*p == '[') {
            size_t idx = 0;
            for (p++; *p >= '0' && *p <= '9'; p++)
                idx = idx * 10 + (size_t)(*p - '0');
            if (*p == ']')
                p++;
            if (json[at] == '[')
                next = element(&sc, at, idx);
        } else {
            if (*p == '.')
                p++;
            const char *k = p;
            while (*p && *p != '.' && *p != '[')
                p++;
            if (json[at] == '{')
                next = member(&sc, at, k, (size_t)(p - k));
        }
        if (next == (size_t)-1 || next >= len)
            break; /* the deepest part that exists */
        at = next;
    }
    *offset = at;
    return true;
}

void cli_error_loc(const cli_input *in, const gt_error *e, cli_loc *loc)
{
    memset(loc, 0, sizeof *loc);
    size_t off = GT_NO_OFFSET;
    if (e->offset != GT_NO_OFFSET) {
        off = e->offset; /* the library's offsets count from the start of the document */
    } else if (in && e->path[0]) {
        if (!cli_locate_path(in->data, in->len, e->path, &off))
            off = GT_NO_OFFSET;
    }
    if (off == GT_NO_OFFSET)
        return;
    loc->known = true;
    loc->offset = off;
    loc->line = 1;
    loc->col = 1;
    if (!in)
        return;
    for (size_t i = 0; i < off && i < in->len; i++) {
        if (in->data[i] == '\n') {
            loc->line++;
            loc->col = 1;
        } else {
            loc->col++;
        }
    }
}

bool cli_verify_wrapper(const char *json, size_t len, size_t dep[2], size_t keys[2])
{
    scan sc = {json, len};
    size_t i = skip_ws(&sc, 0);
    bool have_dep = false;
    keys[0] = keys[1] = 0;
    if (i >= len || json[i] != '{')
        return false;
    i = skip_ws(&sc, i + 1);
    while (i < len && json[i] == '"') {
        char buf[16];
        size_t kl = read_key(&sc, i, buf, sizeof buf);
        i = skip_ws(&sc, skip_string(&sc, i));
        if (i >= len || json[i] != ':')
            return false;
        size_t v = skip_ws(&sc, i + 1), e = skip_value(&sc, v);
        if (e <= v)
            return false;
        if (kl == 10 && memcmp(buf, "deployment", 10) == 0) {
            dep[0] = v;
            dep[1] = e;
            have_dep = true;
        } else if (kl == 4 && memcmp(buf, "keys", 4) == 0) {
            keys[0] = v;
            keys[1] = e;
        } else {
            return false; /* not the wrapper: some other object, perhaps a deployment */
        }
        i = skip_ws(&sc, e);
        if (i < len && json[i] == ',')
            i = skip_ws(&sc, i + 1);
        else
            break;
    }
    if (i >= len || json[i] != '}' || skip_ws(&sc, i + 1) != len)
        return false;
    return have_dep;
}
