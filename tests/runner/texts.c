/* Error texts beside decisions: where the reference and we both refuse, is our message
 * the reference's own text? Counted and reported ("texts equal: N of M"), never a
 * failure: the corpus README says other Go releases word some errors differently, so the
 * decision is what must match and the text is a strong hint. */
#include "runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tally_text(tally *t, const char *kind, const char *name, const jd *e, const char *key, const gt_error *ours)
{
    size_t len;
    char *want = expected_bytes(e, key, &len, NULL);
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
