/* Reading inputs: a file or standard input, whole, with a size limit and messages that say
 * what is wrong (no such file, a directory, empty, too large). Secrets take a separate
 * path through guarded sodium memory and plain read(2), so no stdio buffer keeps a copy.
 * Also the test of "is this file the input?" (cli_same_stat, through cli_same_file and
 * cli_input_is), for every command that must not write over what it reads. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CLI_SECRET_MAX 4096 /* a mnemonic of 24 words with a long path is far below */

int cli_ioerr_set(cli_ioerr *why, int status, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why->message, sizeof why->message, fmt, ap);
    va_end(ap);
    why->status = status;
    why->code = code;
    return status;
}

bool cli_same_stat(const struct stat *a, const struct stat *b)
{
    return S_ISREG(a->st_mode) && S_ISREG(b->st_mode) && a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

bool cli_same_file(int a, int b)
{
    struct stat sa, sb;
    return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && cli_same_stat(&sa, &sb);
}

/* Opens path (or standard input for "-") and checks it is something we can read whole;
 * `name` is how messages name it. Returns the descriptor and its status in *st, or -1
 * with *why filled. */
static int open_input(const char *path, const char *name, cli_input *in, struct stat *st, cli_ioerr *why)
{
    int fd = STDIN_FILENO;
    if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
        cli_ioerr_set(why, CLI_USAGE, "io", "cannot open %s: %s", name, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0) {
        cli_ioerr_set(why, CLI_USAGE, "io", "cannot read %s: %s", name, strerror(errno));
    } else if (S_ISDIR(st->st_mode)) {
        cli_ioerr_set(why, CLI_USAGE, "io", "%s is a directory, not a file", name);
    } else if (cli_same_file(fd, STDOUT_FILENO)) {
        /* `gridtypes sign f.json >> f.json` would append to the very file it reads, as
         * `cat f >> f` would: refused, as cat does */
        cli_ioerr_set(why, CLI_USAGE, "io",
                      "%s is also the standard output: the output would be written into the file being read", name);
    } else {
        if (S_ISREG(st->st_mode)) {
            /* only a regular file can be written over; a pipe or a terminal has no identity */
            in->has_id = true;
            in->dev = st->st_dev;
            in->ino = st->st_ino;
        }
        return fd;
    }
    if (fd != STDIN_FILENO)
        close(fd);
    return -1;
}

/* A secret file readable by others is refused, as ssh refuses such a private key. */
static bool secret_mode_ok(const cli_ctx *ctx, const char *shown, const char *path, const struct stat *st,
                           cli_ioerr *why)
{
    if (!S_ISREG(st->st_mode) || (st->st_mode & (S_IRWXG | S_IRWXO)) == 0 || ctx->insecure_permissions)
        return true;
    cli_ioerr_set(why, CLI_USAGE, "io",
                  "permissions %04o of %s are too open: a secret must be readable by its owner only.\n"
                  "Run: chmod 600 %s   (or pass --insecure-permissions to use it anyway)",
                  (unsigned)(st->st_mode & 07777), shown, strcmp(path, "-") == 0 ? "FILE" : shown);
    return false;
}

/* Reads all of fd into buf (grown with realloc, or fixed when secret) up to limit + 1
 * bytes, so that "exactly at the limit" and "over it" can be told apart. */
static int read_all(int fd, const char *name, size_t limit, bool secret, cli_input *in, cli_ioerr *why)
{
    size_t cap = secret ? limit + 2 : 64 * 1024, len = 0;
    char *buf = secret ? sodium_malloc(cap) : malloc(cap);
    if (!buf)
        return cli_ioerr_set(why, CLI_USAGE, "memory", "out of memory reading %s", name);
    for (;;) {
        if (len + 1 >= cap) {
            /* a secret buffer is sized limit + 2 from the start, so it never reaches
             * the realloc below (sodium_malloc memory cannot be realloc'd) */
            if (len > limit)
                break;
            size_t ncap = cap * 2 > limit + 2 ? limit + 2 : cap * 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                free(buf);
                return cli_ioerr_set(why, CLI_USAGE, "memory", "out of memory reading %s", name);
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + len, cap - 1 - len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            secret ? sodium_free(buf) : free(buf);
            return cli_ioerr_set(why, CLI_USAGE, "io", "cannot read %s: %s", name, strerror(e));
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    buf[len] = '\0';
    in->data = buf;
    in->len = len;
    return CLI_OK;
}

static int load(const cli_ctx *ctx, const char *path, cli_input *in, bool secret, cli_ioerr *why)
{
    memset(in, 0, sizeof *in);
    in->name = strcmp(path, "-") == 0 ? "<stdin>" : cli_shown_arg(path);
    size_t limit = secret ? CLI_SECRET_MAX : ctx->max_input;
    struct stat st;
    int fd = open_input(path, in->name, in, &st, why);
    if (fd < 0)
        return why->status;
    if (secret && !secret_mode_ok(ctx, in->name, path, &st, why)) {
        if (fd != STDIN_FILENO)
            close(fd);
        return why->status;
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size > limit) {
        /* a regular file says its size up front: no need to read 50 MB to refuse it */
        if (fd != STDIN_FILENO)
            close(fd);
        return cli_ioerr_set(why, CLI_REFUSED, "limit", "%s: too large (%llu bytes; the limit is %zu%s)", in->name,
                             (unsigned long long)st.st_size, limit, secret ? "" : ", see --max-size");
    }
    int status;
    if (secret && isatty(fd)) {
        status = cli_tty_read_secret(ctx, fd, CLI_SECRET_MAX, in);
        if (status != CLI_OK)
            cli_ioerr_set(why, status, "io", "%s", ""); /* cli_tty_read_secret said why */
    } else {
        status = read_all(fd, in->name, limit, secret, in, why);
    }
    if (fd != STDIN_FILENO)
        close(fd);
    if (status != CLI_OK)
        return status;
    if (in->len > limit) {
        secret ? cli_secret_free(in) : cli_input_free(in);
        return cli_ioerr_set(why, CLI_REFUSED, "limit", "%s: too large (more than the limit of %zu bytes%s)",
                             in->name, limit, secret ? "" : ", see --max-size");
    }
    if (in->len == 0) {
        secret ? cli_secret_free(in) : cli_input_free(in);
        return cli_ioerr_set(why, CLI_REFUSED, "syntax", "%s: empty input (0 bytes)", in->name);
    }
    return CLI_OK;
}

int cli_load_input(const cli_ctx *ctx, const char *path, cli_input *in, cli_ioerr *why)
{
    int rc = load(ctx, path, in, false, why);
    if (rc == CLI_OK)
        cli_input_locate(in);
    return rc;
}

void cli_input_locate(cli_input *in)
{
    /* without a locator (out of memory) errors are shown without line and column */
    if (!in->locator && gt_locator_new(in->data, in->len, &in->locator, NULL) != GT_OK)
        in->locator = NULL;
}

void cli_report_ioerr(const cli_ctx *ctx, const cli_ioerr *why)
{
    if (!why->message[0])
        return; /* already said where it happened (reading a secret from a terminal) */
    if (ctx->json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_failure_members(&w, why->code, why->message);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        fprintf(stderr, "gridtypes %s: %s\n", ctx->cmd, why->message);
    }
}

int cli_read_input(const cli_ctx *ctx, const char *path, cli_input *in)
{
    cli_ioerr why;
    int rc = cli_load_input(ctx, path, in, &why);
    if (rc != CLI_OK)
        cli_report_ioerr(ctx, &why);
    return rc;
}

int cli_read_secret(const cli_ctx *ctx, const char *path, cli_input *in)
{
    cli_ioerr why;
    int rc = load(ctx, path, in, true, &why);
    if (rc != CLI_OK) {
        cli_report_ioerr(ctx, &why);
        return rc;
    }
    /* a file written by an editor or `echo` ends with a newline the phrase does not have */
    while (in->len > 0 && (in->data[in->len - 1] == '\n' || in->data[in->len - 1] == '\r' ||
                           in->data[in->len - 1] == ' ' || in->data[in->len - 1] == '\t'))
        in->data[--in->len] = '\0';
    if (in->len == 0) {
        cli_secret_free(in);
        cli_ioerr_set(&why, CLI_REFUSED, "key", "%s: the secret is empty",
                      strcmp(path, "-") == 0 ? "<stdin>" : cli_shown_arg(path));
        cli_report_ioerr(ctx, &why);
        return CLI_REFUSED;
    }
    return CLI_OK;
}

void cli_secret_free(cli_input *in)
{
    if (in->data)
        sodium_free(in->data); /* sodium_free wipes before releasing */
    in->data = NULL;
    in->len = 0;
}

void cli_input_free(cli_input *in)
{
    gt_locator_free(in->locator);
    in->locator = NULL;
    free(in->data);
    in->data = NULL;
    in->len = 0;
}

bool cli_input_is(const cli_input *in, const struct stat *st)
{
    if (!in || !in->has_id || !st)
        return false;
    struct stat mine = {0};
    mine.st_mode = S_IFREG;
    mine.st_dev = in->dev;
    mine.st_ino = in->ino;
    return cli_same_stat(&mine, st);
}
