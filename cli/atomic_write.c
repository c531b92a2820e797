/* Writing a document to a file so that the file is, at every moment, either its old
 * content or the whole new one: the bytes go to a temporary file in the same folder
 * (rename is atomic only within one file system), which is flushed, fsync'ed and then
 * renamed over the destination; the folder is fsync'ed last so the rename itself
 * survives a crash. Any failure removes the temporary file and leaves the destination
 * as it was. A destination that is not a regular file (/dev/null, a FIFO) is written to
 * directly: only files are replaced. A command that writes a document (`sign -o`,
 * `fmt -o`) uses this. */
#define _XOPEN_SOURCE 700
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int io_fail(const cli_ctx *ctx, const char *fmt, const char *path, int err)
{
    cli_ioerr why = {CLI_USAGE, "io", ""};
    char what[200];
    snprintf(what, sizeof what, fmt, path);
    snprintf(why.message, sizeof why.message, "%s: %s", what, strerror(err));
    cli_report_ioerr(ctx, &why);
    return CLI_USAGE;
}

int cli_out_dest(const cli_ctx *ctx, const char *input, const char *output, bool in_place, const char **dest)
{
    if (in_place && !output) {
        if (strcmp(input, "-") == 0)
            return cli_usage_error(ctx, "--in-place needs a file to write back to, not standard input");
        output = input;
    }
    *dest = output ? output : "-";
    return CLI_OK;
}

int cli_out_open(const cli_ctx *ctx, const char *dest, const cli_input *in, bool in_place, cli_outfile *o)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (strcmp(dest, "-") == 0) {
        o->f = stdout;
        return CLI_OK;
    }
    struct stat st;
    bool exists = stat(dest, &st) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        cli_ioerr why = {CLI_USAGE, "io", ""};
        snprintf(why.message, sizeof why.message, "cannot write %s: it is a directory", dest);
        cli_report_ioerr(ctx, &why);
        return CLI_USAGE;
    }
    if (exists && cli_input_is(in, &st) && !in_place)
        return cli_usage_error(ctx, "%s is the input: refusing to write over it (give --in-place to replace it)",
                               dest);
    if (exists && !S_ISREG(st.st_mode)) {
        /* a device or a pipe (/dev/null, /dev/stdout, a FIFO) is written to as it is:
         * there is no file to replace, and a rename would put one in its place */
        int fd = open(dest, O_WRONLY | O_CLOEXEC);
        if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            return io_fail(ctx, "cannot open %s", dest, e);
        }
        o->fd = fd;
        o->shown = dest;
        return CLI_OK;
    }
    /* through a symbolic link, the file it points to is replaced, not the link */
    char *real = exists ? realpath(dest, NULL) : strdup(dest);
    if (!real)
        return io_fail(ctx, "cannot resolve %s", dest, errno);
    char *dir_copy = strdup(real), *base_copy = strdup(real);
    char *tmp = NULL;
    if (dir_copy && base_copy) {
        const char *dir = dirname(dir_copy), *base = basename(base_copy);
        size_t n = strlen(dir) + strlen(base) + 16;
        if ((tmp = malloc(n)))
            snprintf(tmp, n, "%s/.%s.XXXXXX", dir, base);
    }
    free(dir_copy);
    free(base_copy);
    if (!tmp) {
        free(real);
        return io_fail(ctx, "cannot write %s", dest, ENOMEM);
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        free(real);
        return io_fail(ctx, "cannot create a temporary file beside %s", dest, e);
    }
    /* the new file gets the old one's permissions, or those a new file would get */
    mode_t mode;
    if (exists) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(022);
        umask(mask);
        mode = 0666 & ~mask;
    }
    if (fchmod(fd, mode) != 0 || !(o->f = fdopen(fd, "w"))) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        free(real);
        return io_fail(ctx, "cannot write %s", dest, e);
    }
    o->fd = fd;
    o->tmp = tmp;
    o->path = real;
    o->shown = dest;
    return CLI_OK;
}

/* fsync of the folder holding path, so the rename is on disk too. Some file systems do
 * not support it on folders (EINVAL); that is no reason to fail a write that happened. */
static int sync_dir(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return ENOMEM;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    free(copy);
    if (fd < 0)
        return errno;
    int rc = fsync(fd) == 0 || errno == EINVAL ? 0 : errno;
    close(fd);
    return rc;
}

int cli_out_commit(const cli_ctx *ctx, cli_outfile *o)
{
    if (o->f == stdout) {
        o->f = NULL;
        return CLI_OK; /* main checks standard output */
    }
    int err = 0;
    if (ferror(o->f))
        err = EIO;
    if (fflush(o->f) != 0 && !err)
        err = errno;
    if (!err && o->tmp && fsync(o->fd) != 0)
        err = errno;
    if (fclose(o->f) != 0 && !err)
        err = errno;
    o->f = NULL;
    o->fd = -1;
    if (!err && o->tmp && rename(o->tmp, o->path) != 0)
        err = errno;
    if (err) {
        if (o->tmp)
            unlink(o->tmp);
        int rc = io_fail(ctx, "cannot write %s", o->shown, err);
        cli_out_abort(o);
        return rc;
    }
    if (!o->tmp)
        return CLI_OK; /* written to a device or a pipe */
    free(o->tmp);
    o->tmp = NULL;
    err = sync_dir(o->path);
    free(o->path);
    o->path = NULL;
    if (err)
        return io_fail(ctx, "wrote %s, but cannot sync its folder", o->shown, err);
    return CLI_OK;
}

void cli_out_abort(cli_outfile *o)
{
    if (o->f && o->f != stdout)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->tmp);
    free(o->path);
    memset(o, 0, sizeof *o);
    o->fd = -1;
}
