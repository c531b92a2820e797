/* The challenge map kept in memory: the fragments gt_deployment_challenge_map delivers,
 * with their paths, so that `hash --annotate` can print them, `hash --compare` can say
 * which field holds a byte and `upgrade` can tell which data fields changed. The map and
 * the hash come from the same library code path, so what we show is what is hashed. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The gt_fragment_fn: appends one fragment (its bytes and a copy of its path). */
static void collect(void *ctx, const char *path, const uint8_t *bytes, size_t len)
{
    cli_chmap *m = ctx;
    if (m->oom)
        return;
    if (m->len + len > m->cap) {
        size_t ncap = m->cap ? m->cap : 1024;
        while (ncap < m->len + len)
            ncap *= 2;
        uint8_t *nb = realloc(m->bytes, ncap);
        if (!nb) {
            m->oom = true;
            return;
        }
        m->bytes = nb;
        m->cap = ncap;
    }
    if (m->nfrags == m->fcap) {
        size_t ncap = m->fcap ? m->fcap * 2 : 64;
        cli_fragment *nf = realloc(m->frags, ncap * sizeof *nf);
        if (!nf) {
            m->oom = true;
            return;
        }
        m->frags = nf;
        m->fcap = ncap;
    }
    char *p = malloc(strlen(path) + 1);
    if (!p) {
        m->oom = true;
        return;
    }
    strcpy(p, path);
    if (len)
        memcpy(m->bytes + m->len, bytes, len);
    m->frags[m->nfrags++] = (cli_fragment){p, m->len, len};
    m->len += len;
}

int cli_chmap_build(const gt_deployment *d, cli_chmap *m, gt_error *err)
{
    memset(m, 0, sizeof *m);
    int rc = gt_deployment_challenge_map(d, collect, m, err);
    if (rc == GT_OK && m->oom)
        rc = gt_error_set(err, GT_ENOMEM, "out of memory");
    return rc;
}

void cli_chmap_free(cli_chmap *m)
{
    for (size_t i = 0; i < m->nfrags; i++)
        free(m->frags[i].path);
    free(m->frags);
    free(m->bytes);
    memset(m, 0, sizeof *m);
}

size_t cli_chmap_find(const cli_chmap *m, size_t offset)
{
    size_t last = SIZE_MAX;
    for (size_t i = 0; i < m->nfrags; i++) {
        const cli_fragment *f = &m->frags[i];
        if (f->len == 0)
            continue;
        if (offset >= f->start && offset < f->start + f->len)
            return i;
        last = i;
    }
    if (last == SIZE_MAX && m->nfrags)
        last = m->nfrags - 1;
    return last;
}
