/* Go's JSON writer turns each byte that is not part of valid UTF-8 into U+FFFD, so the
 * corpus's expected outputs (strings Go wrote) hold U+FFFD where the raw bytes had a bad
 * byte. Our encoder keeps raw data verbatim, as json.Marshal's input was; to compare the two,
 * ours goes through the same substitution first (unless the case gives an exact _hex copy). */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t go_sanitize_utf8(const char *in, size_t n, char *out)
{
    const unsigned char *s = (const unsigned char *)in, *e = s + n;
    char *w = out;
    while (s < e) {
        unsigned char c = *s;
        size_t k = 0;
        if (c < 0x80)
            k = 1;
        else if (c >= 0xc2 && c < 0xe0 && e - s >= 2 && (s[1] & 0xc0) == 0x80)
            k = 2;
        else if (c >= 0xe0 && c < 0xf0 && e - s >= 3 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
                 !(c == 0xe0 && s[1] < 0xa0) && !(c == 0xed && s[1] >= 0xa0))
            k = 3;
        else if (c >= 0xf0 && c < 0xf5 && e - s >= 4 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80 &&
                 (s[3] & 0xc0) == 0x80 && !(c == 0xf0 && s[1] < 0x90) && !(c == 0xf4 && s[1] >= 0x90))
            k = 4;
        if (k) {
            memcpy(w, s, k);
            w += k;
            s += k;
        } else {
            memcpy(w, "\xef\xbf\xbd", 3);
            w += 3;
            s++;
        }
    }
    return (size_t)(w - out);
}


int go_text_compare(const jd *e, const char *key, const char *ours, size_t n, char *why, size_t cap)
{
    bool exact;
    size_t wlen, mlen = n;
    char *want = expected_bytes(e, key, &wlen, &exact);
    if (!want)
        return GO_TEXT_ABSENT;
    char *mine;
    if (exact) {
        mine = malloc(n + 1);
        if (mine && n)
            memcpy(mine, ours, n);
    } else {
        mine = malloc(n * 3 + 1);
        if (mine)
            mlen = go_sanitize_utf8(ours, n, mine);
    }
    int rc = GO_TEXT_EQUAL;
    if (!mine) {
        snprintf(why, cap, "%s: out of memory", key);
        rc = GO_TEXT_DIFFERS;
    } else if (mlen != wlen || memcmp(mine, want, wlen) != 0) {
        size_t k = 0;
        while (k < mlen && k < wlen && mine[k] == want[k])
            k++;
        snprintf(why, cap, "%s differs at byte %zu: ours '%.50s' theirs '%.50s'", key, k, mine + k,
                 want + k);
        rc = GO_TEXT_DIFFERS;
    }
    free(want);
    free(mine);
    return rc;
}
