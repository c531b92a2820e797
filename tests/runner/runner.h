/* The conformance runner: checks a corpus laid out like ../shared/conformance. */
#ifndef GT_RUNNER_H
#define GT_RUNNER_H

#include "jdom.h"

#include "gridtypes/error.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct tally {
    int passed, failed, skipped;
    bool verbose;
    int texts, texts_equal; /* error texts both sides gave, and how many are the same */
} tally;

/* Records a case result; `why` is printed for failures (printf-style). */
void tally_fail(tally *t, const char *kind, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void tally_pass(tally *t);
/* A pass when why is empty, else a failure saying why. */
void tally_verdict(tally *t, const char *kind, const char *name, const char *why);
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
/* All four kinds of cases through gridtypes/ffi.h (run_ffi.c). */
void run_ffi(const char *corpus, tally *t);

/* Writes in[0..n) to out with every byte that is not part of valid UTF-8 replaced by
 * U+FFFD, as Go's JSON writer does; out needs room for 3 * n bytes. Returns its length. */
size_t go_sanitize_utf8(const char *in, size_t n, char *out);

enum { GO_TEXT_ABSENT, GO_TEXT_EQUAL, GO_TEXT_DIFFERS };
/* Compares ours[0..n), bytes we wrote, with field `key` of the case e: exactly with the bytes of
 * `<key>_hex` when the case gives them, otherwise with the text Go wrote after putting ours
 * through Go's U+FFFD substitution (go_sanitize_utf8). Returns GO_TEXT_ABSENT when the case has
 * neither field, GO_TEXT_EQUAL, or GO_TEXT_DIFFERS with where and how in why[0..cap). */
int go_text_compare(const jd *e, const char *key, const char *ours, size_t n, char *why, size_t cap);

/* Sorted list of entries of a directory (malloc'd array of malloc'd names, NULL-ended). */
char **list_dir(const char *dir, size_t *n);
void free_list(char **list, size_t n);

/* ---- shared by the kinds of cases (corpus.c) ---- */

/* Whether v is absent or JSON null; whether field `key` of e is true. */
bool is_null(const jd *v);
bool flag(const jd *e, const char *key);

/* The n bytes of hex[0..2n) into out. */
void unhex(const char *hex, size_t n, void *out);

/* The expected bytes of field `key` of e: exactly those of `<key>_hex` when the case gives
 * it (*exact true; exact may be NULL), else the string; malloc'd and NUL-terminated, NULL
 * when e has neither. */
char *expected_bytes(const jd *e, const char *key, size_t *len, bool *exact);

/* The bytes of an ids.jsonl argument ("hex:..." or the text itself), malloc'd. */
char *arg_bytes(const jd *a, size_t *len);

/* One line of ids.jsonl: its arguments (the name malloc'd, the caller frees it) and its
 * expect object, which lives in the returned document (jd_free it after). NULL when the
 * line is malformed (then nothing needs freeing). */
typedef struct ids_case {
    uint32_t twin;
    uint64_t contract;
    char *name;
    size_t name_len;
    const jd *expect;
} ids_case;
jd *ids_case_open(const char *line, size_t len, ids_case *c);

/* Whether a stage's outcome (rc, and msg when it failed) differs from the reference's: want
 * its expected error text (null or absent for success), panic whether it panicked. When it
 * does, why[0..cap) says how. */
bool outcome_differs(char *why, size_t cap, const char *stage, int rc, const char *msg, const jd *want, bool panic);

/* run(t, dir, name) for every entry of corpus/sub; inputs_only: only the *.json files that
 * are not *.expect.json. */
typedef void case_fn(tally *t, const char *dir, const char *name);
void each_case(const char *corpus, const char *sub, tally *t, case_fn *run, bool inputs_only);

/* run(t, line, len, lineno) for every non-empty line of corpus/name (none when missing). */
typedef void line_fn(tally *t, const char *line, size_t len, int lineno);
void each_line(const char *corpus, const char *name, tally *t, line_fn *run);

#endif
