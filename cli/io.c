/* Reading inputs: a file or standard input, whole, with a size limit and messages that say
 * what is wrong (no such file, a directory, empty, too large). Secrets take a separate
 * path through guarded sodium memory and plain read(2), so no stdio buffer keeps a copy. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CLI_SECRET_MAX 4096 /* a mnemonic of 24 words with a long path is far below */

bool cli_same_file(int a, int b)
{
    struct stat sa, sb;
    return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && S_ISREG(sa.st_mode) && S_ISREG(sb.st_mode) &&
           sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Opens path (or standard input for "-") and checks it is something we can read whole;
 * `shown` is how messages name it. Returns the descriptor and its status in *st, or -1
 * after printing why (*status set). */
static int open_input(const cli_ctx *ctx, const char *path, const char *shown, int *status, struct stat *st)
{
    int fd = STDIN_FILENO;
    if (strcmp(path, "-") != 0) {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            fprintf(stderr, "gridtypes %s: cannot open %s: %s\n", ctx->cmd, shown, strerror(errno));
            *status = CLI_USAGE;
            return -1;
        }
    }
    if (fstat(fd, st) != 0) {
        fprintf(stderr, "gridtypes %s: cannot read %s: %s\n", ctx->cmd, shown, strerror(errno));
        if (fd != STDIN_FILENO)
            close(fd);
        *status = CLI_USAGE;
        return -1;
    }
    const char *why = NULL;
    if (S_ISDIR(st->st_mode))
        why = "is a directory, not a file";
    else if (cli_same_file(fd, STDOUT_FILENO))
        /* `gridtypes sign f.json >> f.json` would append to the very file it reads, as
         * `cat f >> f` would: refused, as cat does */
        why = "is also the standard output: the output would be written into the file being read";
    if (why) {
        fprintf(stderr, "gridtypes %s: %s %s\n", ctx->cmd, shown, why);
        if (fd != STDIN_FILENO)
            close(fd);
        *status = CLI_USAGE;
        return -1;
    }
    return fd;
}

/* A refusal of the input as a whole (empty, too large): a JSON result with --json. */
static int refuse_whole(const cli_ctx *ctx, const char *name, const char *why)
{
    if (ctx->json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, false);
        jw_key(&w, "error");
        jw_obj(&w);
        jw_key(&w, "status");
        jw_str(&w, "input");
        jw_key(&w, "message");
        jw_str(&w, why);
        jw_key(&w, "file");
        jw_str(&w, name);
        jw_obj_end(&w);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        fprintf(stderr, "gridtypes %s: %s: %s\n", ctx->cmd, name, why);
    }
    return CLI_REFUSED;
}

/* Reads all of fd into buf (grown with realloc, or fixed when secret) up to limit + 1
 * bytes, so that "exactly at the limit" and "over it" can be told apart. */
static int read_all(const cli_ctx *ctx, int fd, const char *name, size_t limit, bool secret, cli_input *in)
{
    size_t cap = secret ? limit + 2 : 64 * 1024, len = 0;
    char *buf = secret ? sodium_malloc(cap) : malloc(cap);
    if (!buf) {
        fprintf(stderr, "gridtypes %s: out of memory reading %s\n", ctx->cmd, name);
        return CLI_USAGE;
    }
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
                fprintf(stderr, "gridtypes %s: out of memory reading %s\n", ctx->cmd, name);
                return CLI_USAGE;
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
            fprintf(stderr, "gridtypes %s: cannot read %s: %s\n", ctx->cmd, name, strerror(e));
            return CLI_USAGE;
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

/* A secret file readable by others is refused, as ssh refuses such a private key. */
static bool secret_mode_ok(const cli_ctx *ctx, const char *shown, const char *path, const struct stat *st)
{
    if (!S_ISREG(st->st_mode) || (st->st_mode & (S_IRWXG | S_IRWXO)) == 0 || ctx->insecure_permissions)
        return true;
    fprintf(stderr,
            "gridtypes %s: permissions %04o of %s are too open: a secret must be readable by its owner only.\n"
            "Run: chmod 600 %s   (or pass --insecure-permissions to use it anyway)\n",
            ctx->cmd, (unsigned)(st->st_mode & 07777), shown, strcmp(path, "-") == 0 ? "FILE" : shown);
    return false;
}

static int read_input(const cli_ctx *ctx, const char *path, cli_input *in, bool secret)
{
    memset(in, 0, sizeof *in);
    in->name = strcmp(path, "-") == 0 ? "<stdin>" : cli_shown_arg(path);
    size_t limit = secret ? CLI_SECRET_MAX : ctx->max_input;
    int status = CLI_OK;
    struct stat st;
    int fd = open_input(ctx, path, in->name, &status, &st);
    if (fd < 0)
        return status;
    if (secret && !secret_mode_ok(ctx, in->name, path, &st)) {
        if (fd != STDIN_FILENO)
            close(fd);
        return CLI_USAGE;
    }
    char why[160];
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size > limit) {
        /* a regular file says its size up front: no need to read 50 MB to refuse it */
        if (fd != STDIN_FILENO)
            close(fd);
        snprintf(why, sizeof why, "too large (%llu bytes; the limit is %zu%s)", (unsigned long long)st.st_size, limit,
                 secret ? "" : ", see --max-size");
        return refuse_whole(ctx, in->name, why);
    }
    if (secret && isatty(fd))
        status = cli_tty_read_secret(ctx, fd, CLI_SECRET_MAX, in);
    else
        status = read_all(ctx, fd, in->name, limit, secret, in);
    if (fd != STDIN_FILENO)
        close(fd);
    if (status != CLI_OK)
        return status;
    if (in->len > limit) {
        secret ? cli_secret_free(in) : cli_input_free(in);
        snprintf(why, sizeof why, "too large (more than the limit of %zu bytes%s)", limit,
                 secret ? "" : ", see --max-size");
        return refuse_whole(ctx, in->name, why);
    }
    if (in->len == 0) {
        secret ? cli_secret_free(in) : cli_input_free(in);
        return refuse_whole(ctx, in->name, "empty input (0 bytes)");
    }
    return CLI_OK;
}

int cli_read_input(const cli_ctx *ctx, const char *path, cli_input *in)
{
    int rc = read_input(ctx, path, in, false);
    /* without a locator (out of memory) errors are shown without line and column */
    if (rc == CLI_OK && gt_locator_new(in->data, in->len, &in->locator, NULL) != GT_OK)
        in->locator = NULL;
    return rc;
}

int cli_read_secret(const cli_ctx *ctx, const char *path, cli_input *in)
{
    int rc = read_input(ctx, path, in, true);
    if (rc != CLI_OK)
        return rc;
    /* a file written by an editor or `echo` ends with a newline the phrase does not have */
    while (in->len > 0 && (in->data[in->len - 1] == '\n' || in->data[in->len - 1] == '\r' ||
                           in->data[in->len - 1] == ' ' || in->data[in->len - 1] == '\t'))
        in->data[--in->len] = '\0';
    if (in->len == 0) {
        cli_secret_free(in);
        return refuse_whole(ctx, strcmp(path, "-") == 0 ? "<stdin>" : cli_shown_arg(path), "the secret is empty");
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
