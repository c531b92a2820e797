/* gridtypes — the command: dispatch to a subcommand, --version and the overall help. */
#define _GNU_SOURCE /* fopencookie */
#include "cli.h"

#include <errno.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"validate", cmd_validate, "decode and validate a deployment; list each problem and where it is"},
    {"hash", cmd_hash, "the challenge hash a contract carries (--challenge, --annotate, --compare)"},
    {"sign", cmd_sign, "sign a deployment for a twin with an ed25519 or sr25519 key"},
    {"verify", cmd_verify, "check a deployment's signatures against public keys, and say why not"},
    {"capacity", cmd_capacity, "capacity per workload and in total"},
    {"upgrade", cmd_upgrade, "the operations a node runs to update OLD to NEW, and changes it ignores"},
    {"explain", cmd_explain, "a readable tree of the deployment, with references and problems"},
    {"id", cmd_id, "the workload id of TWIN CONTRACT NAME"},
    {"netid", cmd_netid, "the zos network id of TWIN NAME"},
    {"key", cmd_key, "the public key and SS58 address of a mnemonic, seed or secret URI"},
    {"fmt", cmd_fmt, "the deployment as the node re-encodes it (json.Marshal), optionally indented"},
    {"lint", cmd_lint, "what the node accepts but other clients hash differently, and refusals outside Valid"},
};

static void print_help(FILE *f)
{
    fputs("usage: gridtypes COMMAND [OPTIONS] [FILE|-]\n"
          "       gridtypes --version [--json]\n"
          "\n"
          "ThreeFold zos deployments, with the answers of the Go reference.\n"
          "\n"
          "commands:\n",
          f);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "Every command reads a file or standard input (-), takes --help and --json.\n"
          "Exit status: 0 ok, 1 the input is refused, 2 usage or I/O error.\n"
          "See gridtypes(1) for more.\n",
          f);
}

static int print_version(bool json)
{
    if (json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_key(&w, "version");
        jw_str(&w, gt_version());
        jw_key(&w, "reference_rules");
        jw_str(&w, gt_reference_rules());
        jw_key(&w, "reference_commit");
        jw_str(&w, gt_reference_commit());
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        printf("gridtypes %s\nreference rules: %s\n", gt_version(), gt_reference_rules());
    }
    return CLI_OK;
}

/* Runs what argv asks for; *who is set to the command's name once it is known (for the
 * message of a failed write). */
static int dispatch(int argc, char **argv, const char **who)
{
    if (sodium_init() < 0) {
        fputs("gridtypes: libsodium failed to initialise\n", stderr);
        return CLI_USAGE;
    }
    if (argc < 2) {
        print_help(stderr);
        return CLI_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0 || strcmp(name, "version") == 0) {
        bool json = false;
        for (int i = 2; i < argc; i++) {
            if (strcmp(argv[i], "--json") == 0) {
                json = true;
            } else {
                fprintf(stderr, "gridtypes --version: unexpected argument '%s'\n", argv[i]);
                return CLI_USAGE;
            }
        }
        return print_version(json);
    }
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_help(stdout);
        return CLI_OK;
    }
    if (strcmp(name, "help") == 0) {
        if (argc < 3) {
            print_help(stdout);
            return CLI_OK;
        }
        for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
            if (strcmp(argv[2], commands[i].name) == 0) {
                *who = commands[i].name;
                char *sub[] = {argv[2], "--help", NULL};
                return commands[i].run(2, sub);
            }
        }
        fprintf(stderr, "gridtypes: no command '%s' (see 'gridtypes --help')\n", argv[2]);
        return CLI_USAGE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(name, commands[i].name) == 0) {
            *who = commands[i].name;
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    if (name[0] == '-')
        fprintf(stderr, "gridtypes: unknown option '%s' (see 'gridtypes --help')\n", name);
    else
        fprintf(stderr, "gridtypes: no command '%s' (see 'gridtypes --help')\n", name);
    return CLI_USAGE;
}

/* The reason the first write to standard output failed (0: none so far). stdio keeps only
 * the fact (ferror) and a later flush may have nothing left to fail on, so standard output
 * is a stream whose writes go through write_out below, which remembers the errno. */
static int out_errno;

#ifdef __GLIBC__
static ssize_t write_out(void *cookie, const char *buf, size_t n)
{
    (void)cookie;
    size_t done = 0;
    while (done < n) {
        ssize_t r = write(STDOUT_FILENO, buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            if (!out_errno)
                out_errno = errno;
            return done ? (ssize_t)done : -1;
        }
        done += (size_t)r;
    }
    return (ssize_t)done;
}

static int close_out(void *cookie)
{
    (void)cookie;
    if (close(STDOUT_FILENO) != 0) {
        if (!out_errno)
            out_errno = errno;
        return -1;
    }
    return 0;
}

/* glibc's stdout is a variable that may be set (its manual says so); the descriptor stays
 * 1, so isatty and fstat on it see the same file. */
static void watch_stdout(void)
{
    cookie_io_functions_t io = {.read = NULL, .write = write_out, .seek = NULL, .close = close_out};
    FILE *f = fopencookie(NULL, "w", io);
    if (!f)
        return; /* the plain stream still reports failures, without their reason */
    setvbuf(f, NULL, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF, (size_t)64 << 10);
    stdout = f;
}
#else
static void watch_stdout(void) {}
#endif

/* Whatever a command wrote to standard output must have arrived: a full disk or a closed
 * descriptor turns into a message and exit status 2, never into a short file that looks
 * complete. Errors of earlier writes stay recorded in the stream (ferror); the last flush
 * and the close report the ones still in the buffer and, with errno, the reason. */
static int finish_output(const char *who, int rc)
{
    bool failed = ferror(stdout) != 0;
    int reason = 0;
    if (fflush(stdout) != 0) {
        failed = true;
        reason = errno;
    }
    if (fclose(stdout) != 0 && !reason) {
        failed = true;
        reason = errno;
    }
    if (out_errno) /* the first failure is the one to report */
        reason = out_errno;
    if (!failed && !out_errno)
        return rc;
    fprintf(stderr, "gridtypes%s%s: cannot write standard output: %s\n", who ? " " : "", who ? who : "",
            reason ? strerror(reason) : "a write failed");
    return CLI_USAGE;
}

int main(int argc, char **argv)
{
    const char *who = NULL;
    watch_stdout();
    int rc = dispatch(argc, argv, &who);
    return finish_output(who, rc);
}
