#include "jdom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *p, *e;
} cur;

static void ws(cur *c)
{
    while (c->p < c->e && (*c->p == ' ' || *c->p == '\n' || *c->p == '\r' || *c->p == '\t'))
        c->p++;
}

static bool parse(cur *c, jd *v, int depth);

static int hexv(char ch)
{
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
}

static unsigned u4(const char *p)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++)
        v = v * 16 + (unsigned)hexv(p[i]);
    return v;
}

static char *put(char *w, unsigned r)
{
    if (r < 0x80) *w++ = (char)r;
    else if (r < 0x800) { *w++ = (char)(0xc0 | (r >> 6)); *w++ = (char)(0x80 | (r & 0x3f)); }
    else if (r < 0x10000) { *w++ = (char)(0xe0 | (r >> 12)); *w++ = (char)(0x80 | ((r >> 6) & 0x3f)); *w++ = (char)(0x80 | (r & 0x3f)); }
    else { *w++ = (char)(0xf0 | (r >> 18)); *w++ = (char)(0x80 | ((r >> 12) & 0x3f)); *w++ = (char)(0x80 | ((r >> 6) & 0x3f)); *w++ = (char)(0x80 | (r & 0x3f)); }
    return w;
}

static bool parse_str(cur *c, char **out, size_t *len)
{
    c->p++;
    const char *s = c->p;
    while (c->p < c->e && *c->p != '"') {
        if (*c->p == '\\')
            c->p++;
        c->p++;
    }
    if (c->p >= c->e)
        return false;
    size_t n = (size_t)(c->p - s);
    char *buf = malloc(n * 3 + 1), *w = buf;
    for (const char *p = s; p < c->p;) {
        if (*p != '\\') { *w++ = *p++; continue; }
        p++;
        switch (*p) {
        case 'n': *w++ = '\n'; p++; break;
        case 't': *w++ = '\t'; p++; break;
        case 'r': *w++ = '\r'; p++; break;
        case 'b': *w++ = '\b'; p++; break;
        case 'f': *w++ = '\f'; p++; break;
        case 'u': {
            unsigned r = u4(p + 1);
            p += 5;
            if (r >= 0xd800 && r < 0xdc00 && p[0] == '\\' && p[1] == 'u') {
                unsigned r2 = u4(p + 2);
                if (r2 >= 0xdc00 && r2 < 0xe000) { r = 0x10000 + ((r - 0xd800) << 10) + (r2 - 0xdc00); p += 6; }
            }
            w = put(w, r);
            break;
        }
        default: *w++ = *p++; break;
        }
    }
    *w = '\0';
    *out = buf;
    *len = (size_t)(w - buf);
    c->p++;
    return true;
}

static bool parse(cur *c, jd *v, int depth)
{
    memset(v, 0, sizeof *v);
    if (depth > 200)
        return false;
    ws(c);
    if (c->p >= c->e)
        return false;
    char ch = *c->p;
    if (ch == '{' || ch == '[') {
        bool obj = ch == '{';
        v->kind = obj ? JD_OBJ : JD_ARR;
        c->p++;
        size_t cap = 0;
        ws(c);
        if (c->p < c->e && *c->p == (obj ? '}' : ']')) { c->p++; return true; }
        for (;;) {
            if (v->n == cap) {
                cap = cap ? cap * 2 : 8;
                v->items = realloc(v->items, cap * sizeof *v->items);
                if (obj) v->keys = realloc(v->keys, cap * sizeof *v->keys);
            }
            if (obj) {
                ws(c);
                size_t kl;
                if (c->p >= c->e || *c->p != '"' || !parse_str(c, &v->keys[v->n], &kl))
                    return false;
                ws(c);
                if (c->p >= c->e || *c->p != ':')
                    return false;
                c->p++;
            }
            if (!parse(c, &v->items[v->n], depth + 1))
                return false;
            v->n++;
            ws(c);
            if (c->p < c->e && *c->p == ',') { c->p++; continue; }
            if (c->p < c->e && *c->p == (obj ? '}' : ']')) { c->p++; return true; }
            return false;
        }
    }
    if (ch == '"') {
        v->kind = JD_STR;
        return parse_str(c, &v->str, &v->len);
    }
    if (!strncmp(c->p, "true", 4)) { v->kind = JD_BOOL; v->b = true; c->p += 4; return true; }
    if (!strncmp(c->p, "false", 5)) { v->kind = JD_BOOL; c->p += 5; return true; }
    if (!strncmp(c->p, "null", 4)) { v->kind = JD_NULL; c->p += 4; return true; }
    const char *s = c->p;
    while (c->p < c->e && strchr("+-0123456789.eE", *c->p))
        c->p++;
    if (c->p == s)
        return false;
    v->kind = JD_NUM;
    v->num = strndup(s, (size_t)(c->p - s));
    return true;
}

static void release(jd *v)
{
    for (size_t i = 0; i < v->n; i++) {
        release(&v->items[i]);
        if (v->keys) free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->str);
    free(v->num);
}

jd *jd_parse(const char *text, size_t len)
{
    cur c = {text, text + len};
    jd *v = malloc(sizeof *v);
    if (!parse(&c, v, 0)) {
        release(v);
        free(v);
        return NULL;
    }
    return v;
}

void jd_free(jd *v)
{
    if (!v) return;
    release(v);
    free(v);
}

const jd *jd_get(const jd *o, const char *key)
{
    if (!o || o->kind != JD_OBJ) return NULL;
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->keys[i], key)) return &o->items[i];
    return NULL;
}

bool jd_u64(const jd *v, uint64_t *out)
{
    if (!v || v->kind != JD_NUM) return false;
    char *end;
    unsigned long long x = strtoull(v->num, &end, 10);
    if (*end || v->num[0] == '-') return false;
    *out = x;
    return true;
}

char *jd_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) { fclose(f); free(buf); return NULL; }
    fclose(f);
    buf[n] = '\0';
    if (len) *len = (size_t)n;
    return buf;
}
