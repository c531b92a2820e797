/* fuzz_locate: the locator (gridtypes/locate.h) over any bytes.
 *
 * Input: a JSON text, FUZZ_SEP, then paths, one a line (without a separator, the text
 * alone, asked for the paths its own validation errors name).
 * Properties: no crash, no read past the text; an offset found lies inside the text;
 * asking again, in another order, or of a fresh locator gives the same answer (the
 * indexes built on first use change nothing); a position's line starts after a newline
 * (or at 0) and has no newline before the offset; the path of an error from parsing or
 * validating the text as a deployment, and its offset, locate inside it. */
#include "fuzz_common.h"

#include "gridtypes.h"

#define MAX_PATHS 16

static void check_position(gt_locator *l, const char *text, size_t len, size_t off)
{
    gt_position pos;
    FUZZ_CHECK(gt_locator_position(l, off, &pos, NULL) == GT_OK, "position of %zu", off);
    FUZZ_CHECK(pos.offset == off && pos.line_start <= off && pos.column == off - pos.line_start + 1,
               "position fields");
    FUZZ_CHECK(pos.line_start == 0 || text[pos.line_start - 1] == '\n', "line start after a newline");
    FUZZ_CHECK(!memchr(text + pos.line_start, '\n', off - pos.line_start), "no newline inside the line");
    (void)len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *a = data, *b = NULL;
    size_t alen = size, blen = 0;
    bool has_sep = false;
    for (size_t i = 0; i + FUZZ_SEP_LEN <= size; i++) {
        if (memcmp(data + i, FUZZ_SEP, FUZZ_SEP_LEN) == 0) {
            alen = i;
            b = data + i + FUZZ_SEP_LEN;
            blen = size - i - FUZZ_SEP_LEN;
            has_sep = true;
            break;
        }
    }
    /* the text in a buffer of exactly its length: ASan sees any read past it */
    char *text = malloc(alen ? alen : 1);
    if (!text)
        return 0;
    memcpy(text, a, alen);

    char paths[MAX_PATHS][GT_ERROR_PATH_MAX];
    size_t npaths = 0;
    if (has_sep) {
        for (size_t i = 0; i < blen && npaths < MAX_PATHS;) {
            size_t j = i;
            while (j < blen && b[j] != '\n')
                j++;
            size_t n = j - i < GT_ERROR_PATH_MAX - 1 ? j - i : GT_ERROR_PATH_MAX - 1;
            memcpy(paths[npaths], b + i, n);
            paths[npaths][n] = '\0';
            npaths++;
            i = j + 1;
        }
    }
    /* the places the library's own errors name */
    gt_deployment *d = NULL;
    gt_error e;
    gt_error errs[2];
    size_t nerrs = 0;
    if (gt_deployment_parse(text, alen, &d, &e) != GT_OK) {
        errs[nerrs++] = e;
    } else {
        if (gt_deployment_valid(d, &e) != GT_OK)
            errs[nerrs++] = e;
        gt_deployment_free(d);
    }
    for (size_t k = 0; k < nerrs && npaths < MAX_PATHS; k++)
        snprintf(paths[npaths++], GT_ERROR_PATH_MAX, "%s", errs[k].path);

    gt_locator *l = NULL, *fresh = NULL;
    if (gt_locator_new(text, alen, &l, NULL) != GT_OK)
        goto done;
    size_t first[MAX_PATHS];
    int rc1[MAX_PATHS];
    for (size_t k = 0; k < npaths; k++) {
        size_t m;
        rc1[k] = gt_locator_path(l, paths[k], &first[k], &m, NULL);
        FUZZ_CHECK(rc1[k] == GT_OK || rc1[k] == GT_ENOTFOUND, "status %d", rc1[k]);
        FUZZ_CHECK(first[k] == GT_NO_OFFSET || first[k] < alen, "offset %zu outside %zu bytes", first[k], alen);
        FUZZ_CHECK(m <= strlen(paths[k]), "matched past the path");
        if (first[k] != GT_NO_OFFSET)
            check_position(l, text, alen, first[k]);
    }
    /* again, backwards, and on a fresh locator */
    if (gt_locator_new(text, alen, &fresh, NULL) != GT_OK)
        goto done;
    for (size_t k = npaths; k-- > 0;) {
        size_t o1, o2;
        int r1 = gt_locator_path(l, paths[k], &o1, NULL, NULL);
        int r2 = gt_locator_path(fresh, paths[k], &o2, NULL, NULL);
        FUZZ_CHECK(r1 == rc1[k] && o1 == first[k], "a second ask differs for '%s'", paths[k]);
        FUZZ_CHECK(r2 == rc1[k] && o2 == first[k], "a fresh locator differs for '%s'", paths[k]);
    }
    for (size_t k = 0; k < nerrs; k++) {
        gt_position pos;
        int rc = gt_locator_error(l, &errs[k], &pos);
        FUZZ_CHECK(rc == GT_OK || rc == GT_ENOTFOUND, "error status %d", rc);
        if (rc == GT_OK)
            check_position(l, text, alen, pos.offset);
    }
    check_position(l, text, alen, alen); /* the end of the text */
done:
    gt_locator_free(l);
    gt_locator_free(fresh);
    free(text);
    return 0;
}
