/* Error texts beside decisions: where the reference and we both refuse, is our message
 * the reference's own text? Counted and reported ("texts equal: N of M"), never a
 * failure: the corpus README says other Go releases word some errors differently, so the
 * decision is what must match and the text is a strong hint. */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The expected text: `<key>_hex` (exact bytes) when the corpus gives it, else `key`. */
static char *expected(const jd *e, const char *key, size_t *len)
{
    char hk[64];
    snprintf(hk, sizeof hk, "%s_hex", key);
    const jd *h = jd_get(e, hk);
    if (h && h->kind == JD_STR) {
        *len = h->len / 2;
        char *s = malloc(*len + 1);
        for (size_t i = 0; i < *len; i++) {
            unsigned x;
            sscanf(h->str + 2 * i, "%2x", &x);
            s[i] = (char)x;
        }
        s[*len] = '\0';
        return s;
    }
    const jd *v = jd_get(e, key);
    if (!v || v->kind != JD_STR)
        return NULL;
    *len = v->len;
    char *s = malloc(v->len + 1);
    memcpy(s, v->str, v->len + 1);
    return s;
}

void tally_text(tally *t, const char *kind, const char *name, const jd *e, const char *key, const gt_error *ours)
{
    size_t len;
    char *want = expected(e, key, &len);
    if (!want)
        return;
    t->texts++;
    /* both may hold NUL bytes (quoted input): compared, and shown, whole */
    if (ours->message_len == len && memcmp(ours->message, want, len) == 0) {
        t->texts_equal++;
    } else if (t->verbose) {
        printf("TEXT %s %s %s:\n  reference: ", kind, name, key);
        fwrite(want, 1, len, stdout);
        printf("\n  ours:      ");
        fwrite(ours->message, 1, ours->message_len, stdout);
        printf("\n");
    }
    free(want);
}
