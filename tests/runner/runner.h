/* The conformance runner: checks a corpus laid out like ../shared/conformance. */
#ifndef GT_RUNNER_H
#define GT_RUNNER_H

#include "jdom.h"

#include "gridtypes/error.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct tally {
    int passed, failed, skipped;
    bool verbose;
    int texts, texts_equal; /* error texts both sides gave, and how many are the same */
} tally;

/* Records a case result; `why` is printed for failures (printf-style). */
void tally_fail(tally *t, const char *kind, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void tally_pass(tally *t);
void tally_skip(tally *t, const char *kind, const char *name, const char *why);

/* Where both the reference and we refused: counts whether our message is the text of
 * `key` in expect object e (its exact bytes from `<key>_hex` when given). With -v a
 * differing text is printed. Never a failure. */
void tally_text(tally *t, const char *kind, const char *name, const jd *e, const char *key, const gt_error *ours);

/* Hex of n bytes into a malloc'd string. */
char *hex_of(const void *p, size_t n);
/* Reads dir/name; NULL when missing. */
char *read_in(const char *dir, const char *name, size_t *len);

void run_deployments(const char *corpus, tally *t);
void run_upgrades(const char *corpus, tally *t);
void run_ids(const char *corpus, tally *t);
void run_signatures(const char *corpus, tally *t);

/* Sorted list of entries of a directory (malloc'd array of malloc'd names, NULL-ended). */
char **list_dir(const char *dir, size_t *n);
void free_list(char **list, size_t n);

#endif
