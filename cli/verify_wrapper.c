/* The input `verify` also takes: {"deployment": {...}, "keys": {...}}, a deployment with
 * the keys to check it with (one per line of an NDJSON stream, say). Only the outline is
 * read here, to find the two values; each is then read by its own strict parser (the
 * library's for the deployment, keys_file.c's for the keys), which reports any error in
 * it. An object with any other member is not this wrapper (a deployment has no member
 * named "deployment"), so it goes to the deployment parser whole. */
#include "cli.h"

#include <string.h>

static size_t skip_ws(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
        i++;
    return i;
}

/* The end (one past the closing quote) of the string whose opening quote is at i; n when
 * it does not end. */
static size_t skip_string(const char *s, size_t n, size_t i)
{
    for (i++; i < n; i++) {
        if (s[i] == '\\')
            i++;
        else if (s[i] == '"')
            return i + 1;
    }
    return n;
}

/* The end of the value starting at i: a string, or brackets counted to their match
 * (strings inside skipped), or a scalar up to the next delimiter. Iterative, so deep
 * nesting costs no stack. Returns i when there is no value there. */
static size_t skip_value(const char *s, size_t n, size_t i)
{
    size_t depth = 0, start = i;
    while (i < n) {
        char c = s[i];
        if (c == '"') {
            i = skip_string(s, n, i);
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
        } else if (depth == 0 && (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            return i;
        }
        i++;
    }
    return depth == 0 ? i : start;
}

bool cli_verify_wrapper(const char *json, size_t len, size_t dep[2], size_t keys[2])
{
    size_t i = skip_ws(json, len, 0);
    bool have_dep = false;
    keys[0] = keys[1] = 0;
    if (i >= len || json[i] != '{')
        return false;
    i = skip_ws(json, len, i + 1);
    while (i < len && json[i] == '"') {
        size_t kend = skip_string(json, len, i);
        const char *key = json + i + 1;
        size_t klen = kend > i + 1 ? kend - i - 2 : 0;
        i = skip_ws(json, len, kend);
        if (i >= len || json[i] != ':')
            return false;
        size_t v = skip_ws(json, len, i + 1), e = skip_value(json, len, v);
        if (e <= v)
            return false;
        if (klen == 10 && memcmp(key, "deployment", 10) == 0) {
            dep[0] = v;
            dep[1] = e;
            have_dep = true;
        } else if (klen == 4 && memcmp(key, "keys", 4) == 0) {
            keys[0] = v;
            keys[1] = e;
        } else {
            return false;
        }
        i = skip_ws(json, len, e);
        if (i < len && json[i] == ',')
            i = skip_ws(json, len, i + 1);
        else
            break;
    }
    if (i >= len || json[i] != '}' || skip_ws(json, len, i + 1) != len)
        return false;
    return have_dep;
}
