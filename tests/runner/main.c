/* conformance [-v] [--ffi] CORPUS_DIR... — checks every case of each corpus and ends with
 * the plain line "N passed, M failed[, K skipped]"; exits 1 when anything failed. With
 * --ffi the cases go through the flat FFI (gridtypes/ffi.h) instead, as a binding sees it.
 * The line before the last, "texts equal: N of M", counts the refusals whose error text is
 * the reference's own (-v lists the others). */
#include "runner.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tally_fail(tally *t, const char *kind, const char *name, const char *fmt, ...)
{
    t->failed++;
    printf("FAIL %s %s: ", kind, name);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

void tally_pass(tally *t)
{
    t->passed++;
}

void tally_verdict(tally *t, const char *kind, const char *name, const char *why)
{
    if (why[0])
        tally_fail(t, kind, name, "%s", why);
    else
        tally_pass(t);
}

void tally_skip(tally *t, const char *kind, const char *name, const char *why)
{
    t->skipped++;
    if (t->verbose)
        printf("SKIP %s %s: %s\n", kind, name, why);
}

char *hex_of(const void *p, size_t n)
{
    static const char hx[] = "0123456789abcdef";
    char *s = malloc(n * 2 + 1);
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = hx[b[i] >> 4];
        s[2 * i + 1] = hx[b[i] & 15];
    }
    s[2 * n] = '\0';
    return s;
}

char *read_in(const char *dir, const char *name, size_t *len)
{
    char path[8200]; /* dir is at most 4096 bytes */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return jd_read_file(path, len);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **list_dir(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t cap = 64;
    char **list = malloc(cap * sizeof *list);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (*n + 1 >= cap)
            list = realloc(list, (cap *= 2) * sizeof *list);
        list[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(list, *n, sizeof *list, cmp_str);
    list[*n] = NULL;
    return list;
}

void free_list(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

int main(int argc, char **argv)
{
    tally t = {0, 0, 0, false, 0, 0};
    int first = 1;
    bool ffi = false;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "-v") == 0)
            t.verbose = true;
        else if (strcmp(argv[first], "--ffi") == 0)
            ffi = true;
        else
            break;
    }
    if (argc <= first) {
        fprintf(stderr, "usage: conformance [-v] [--ffi] CORPUS_DIR...\n");
        return 2;
    }
    for (int i = first; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) {
            fprintf(stderr, "conformance: cannot open corpus %s\n", argv[i]);
            return 2;
        }
        closedir(d);
        if (ffi) {
            run_ffi(argv[i], &t);
            continue;
        }
        run_deployments(argv[i], &t);
        run_upgrades(argv[i], &t);
        run_ids(argv[i], &t);
        run_signatures(argv[i], &t);
    }
    if (t.texts) /* the --ffi run compares decisions only */
        printf("texts equal: %d of %d (error texts the reference and we both gave; reported, not a failure)\n",
               t.texts_equal, t.texts);
    if (t.skipped)
        printf("%d passed, %d failed, %d skipped\n", t.passed, t.failed, t.skipped);
    else
        printf("%d passed, %d failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}
