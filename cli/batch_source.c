/* Where the inputs of a batch come from, one at a time and in order: files named on the
 * command line, the *.json files of folders (in name order), and the lines of NDJSON
 * streams. A stream is read in blocks of fixed size and cut at newlines; a line longer
 * than the input limit is skipped to its end without being kept, so a stream of any size
 * is read with bounded memory. */
#define _POSIX_C_SOURCE 200809L
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BLOCK (256 * 1024)

struct cli_source {
    const cli_ctx *ctx;
    const char *const *paths;
    size_t n, next; /* the next entry of paths */
    bool ndjson;

    /* the *.json files of the folders listed so far, each folder's sorted; kept until
     * the end, since workers still read the paths handed out */
    char **files;
    size_t nfiles, cap_files, next_file;

    /* the NDJSON stream being read */
    int fd; /* -1: none open */
    const char *name;
    uint64_t line; /* lines started so far */
    char *block;
    size_t start, end;
    bool eof;
};

cli_source *cli_source_new(const cli_ctx *ctx, const char *const *paths, size_t n, bool ndjson)
{
    cli_source *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ctx = ctx;
    s->paths = paths;
    s->n = n;
    s->ndjson = ndjson;
    s->fd = -1;
    if (ndjson && !(s->block = malloc(BLOCK))) {
        free(s);
        return NULL;
    }
    return s;
}

void cli_source_free(cli_source *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    if (s->fd > STDIN_FILENO)
        close(s->fd);
    free(s->block);
    free(s);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists dir's *.json files (regular files, or links to them) into s->files, sorted. */
static int list_folder(cli_source *s, const char *dir, cli_ioerr *why)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_ioerr_set(why, CLI_USAGE, "io", "cannot open the folder %s: %s", dir, strerror(errno));
        return -1;
    }
    size_t first = s->nfiles;
    struct dirent *e;
    size_t dl = strlen(dir);
    while ((e = readdir(d))) {
        size_t nl = strlen(e->d_name);
        if (nl < 5 || strcmp(e->d_name + nl - 5, ".json") != 0)
            continue;
        char *full = malloc(dl + nl + 2);
        if (!full)
            break;
        memcpy(full, dir, dl);
        full[dl] = '/';
        memcpy(full + dl + 1, e->d_name, nl + 1);
        struct stat st;
        if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(full);
            continue;
        }
        if (s->nfiles == s->cap_files) {
            size_t ncap = s->cap_files ? s->cap_files * 2 : 64;
            char **nf = realloc(s->files, ncap * sizeof *nf);
            if (!nf) {
                free(full);
                break;
            }
            s->files = nf;
            s->cap_files = ncap;
        }
        s->files[s->nfiles++] = full;
    }
    closedir(d);
    if (e) { /* stopped early: out of memory */
        while (s->nfiles > first)
            free(s->files[--s->nfiles]);
        cli_ioerr_set(why, CLI_USAGE, "memory", "out of memory listing %s", dir);
        return -1;
    }
    if (s->nfiles == first) {
        /* most likely the wrong folder: say so rather than print nothing */
        cli_ioerr_set(why, CLI_USAGE, "io", "%s: no *.json file in this folder", dir);
        return -1;
    }
    qsort(s->files + first, s->nfiles - first, sizeof *s->files, by_name);
    return 0;
}

static bool blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
            return false;
    return true;
}

/* Appends b[0..n) to the line being collected, unless it has grown past the limit (then
 * it is dropped and only counted). */
static bool append(cli_item *it, const char *b, size_t n, size_t limit, size_t *total, size_t *cap)
{
    *total += n;
    if (*total > limit) {
        free(it->in.data);
        it->in.data = NULL;
        return true;
    }
    if (it->in.len + n + 1 > *cap) {
        size_t ncap = *cap ? *cap : 4096;
        while (ncap < it->in.len + n + 1)
            ncap *= 2;
        char *nd = realloc(it->in.data, ncap);
        if (!nd)
            return false;
        it->in.data = nd;
        *cap = ncap;
    }
    memcpy(it->in.data + it->in.len, b, n);
    it->in.len += n;
    it->in.data[it->in.len] = '\0';
    return true;
}

/* The next non-blank line of the open stream into *it: 1, or 0 at the end of the stream
 * (then the stream is closed), or 1 with it->failed for a read error or a line over the
 * limit. */
static int next_line(cli_source *s, cli_item *it)
{
    size_t limit = s->ctx->max_input, total = 0, cap = 0;
    bool started = false;
    for (;;) {
        if (s->start == s->end) {
            if (s->eof)
                break;
            ssize_t r = read(s->fd, s->block, BLOCK);
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0) {
                free(it->in.data);
                it->in.data = NULL;
                it->failed = true;
                it->in.line = s->line + (started ? 0 : 1);
                cli_ioerr_set(&it->why, CLI_USAGE, "io", "cannot read %s: %s", s->name, strerror(errno));
                s->eof = true;
                return 1;
            }
            if (r == 0) {
                s->eof = true;
                break;
            }
            s->start = 0;
            s->end = (size_t)r;
        }
        if (!started) {
            started = true;
            it->in.line = ++s->line;
        }
        char *from = s->block + s->start;
        char *nl = memchr(from, '\n', s->end - s->start);
        size_t n = nl ? (size_t)(nl - from) : s->end - s->start;
        if (!append(it, from, n, limit, &total, &cap)) {
            it->failed = true;
            cli_ioerr_set(&it->why, CLI_USAGE, "memory", "out of memory reading line %llu of %s",
                          (unsigned long long)it->in.line, s->name);
            /* the rest of the line is skipped like an over-long one */
            total = limit + 1;
        }
        s->start += n + (nl ? 1 : 0);
        if (!nl)
            continue;
        if (total <= limit && blank(it->in.data ? it->in.data : "", it->in.len)) {
            /* blank lines separate nothing; the next line starts afresh */
            it->in.len = 0;
            total = 0;
            started = false;
            continue;
        }
        break;
    }
    if (!started || (total <= limit && blank(it->in.data ? it->in.data : "", it->in.len))) {
        free(it->in.data);
        it->in.data = NULL;
        it->in.len = 0;
        return 0;
    }
    if (total > limit && !it->failed) {
        it->failed = true;
        cli_ioerr_set(&it->why, CLI_REFUSED, "limit",
                      "line %llu of %s: too large (more than the limit of %zu bytes, see --max-size)",
                      (unsigned long long)it->in.line, s->name, limit);
    }
    return 1;
}

/* Opens the NDJSON stream at path for reading; on failure fills *it with why. */
static bool open_stream(cli_source *s, const char *path, cli_item *it)
{
    s->name = strcmp(path, "-") == 0 ? "<stdin>" : cli_shown_arg(path);
    s->line = 0;
    s->start = s->end = 0;
    s->eof = false;
    s->fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (s->fd < 0) {
        cli_ioerr_set(&it->why, CLI_USAGE, "io", "cannot open %s: %s", s->name, strerror(errno));
    } else if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        cli_ioerr_set(&it->why, CLI_USAGE, "io", "%s is a folder: --ndjson reads files or -", s->name);
        close(s->fd);
        s->fd = -1;
    } else if (cli_same_file(s->fd, STDOUT_FILENO)) {
        cli_ioerr_set(&it->why, CLI_USAGE, "io",
                      "%s is also the standard output: the output would be written into the file being read", s->name);
        if (s->fd > STDIN_FILENO)
            close(s->fd);
        s->fd = -1;
    } else {
        return true;
    }
    it->failed = true;
    it->in.name = s->name;
    return false;
}

bool cli_source_at_hand(const cli_source *s)
{
    if (s->fd >= 0)
        return s->start < s->end && memchr(s->block + s->start, '\n', s->end - s->start) != NULL;
    return true; /* a file name: the file is read by whoever works on it */
}

int cli_source_next(cli_source *s, cli_item *it)
{
    memset(it, 0, sizeof *it);
    for (;;) {
        if (s->fd >= 0) {
            it->in.name = s->name;
            if (next_line(s, it))
                return 1;
            if (s->fd > STDIN_FILENO)
                close(s->fd);
            s->fd = -1;
            memset(it, 0, sizeof *it);
        }
        if (s->next_file < s->nfiles) {
            it->path = s->files[s->next_file++];
            it->in.name = it->path;
            return 1;
        }
        if (s->next >= s->n)
            return 0;
        const char *p = s->paths[s->next++];
        if (s->ndjson) {
            if (!open_stream(s, p, it))
                return 1;
            continue;
        }
        struct stat st;
        if (strcmp(p, "-") != 0 && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (list_folder(s, p, &it->why) != 0) {
                it->failed = true;
                it->in.name = p;
                return 1;
            }
            continue;
        }
        it->path = p;
        it->in.name = strcmp(p, "-") == 0 ? "<stdin>" : p;
        return 1;
    }
}
