/* A small, independent JSON DOM for the test tools (it reads the corpus's expected
 * outputs, so it must not share code with the reader under test). Integers keep all
 * 64 bits; strings are unescaped to UTF-8 bytes. */
#ifndef GT_TEST_JDOM_H
#define GT_TEST_JDOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { JD_NULL, JD_BOOL, JD_NUM, JD_STR, JD_ARR, JD_OBJ } jd_kind;

typedef struct jd {
    jd_kind kind;
    bool b;
    char *num;   /* number text */
    char *str;   /* NUL-terminated; len may include NULs */
    size_t len;
    struct jd *items; /* array items or object values */
    char **keys;      /* object keys */
    size_t n;
} jd;

/* Parses text; returns NULL on error. Free with jd_free. */
jd *jd_parse(const char *text, size_t len);
void jd_free(jd *v);
/* Object member or NULL. */
const jd *jd_get(const jd *obj, const char *key);
/* Number as uint64 (false if not a non-negative integer). */
bool jd_u64(const jd *v, uint64_t *out);
/* Reads a whole file (malloc'd, NUL-terminated); NULL on error. */
char *jd_read_file(const char *path, size_t *len);

#endif
