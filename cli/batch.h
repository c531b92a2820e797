/* batch.h — many deployments at once: several files, folders, NDJSON streams, spread over
 * threads, one JSON line per input written in input order (batch.c, batch_source.c). */
#ifndef GRIDTYPES_CLI_BATCH_H
#define GRIDTYPES_CLI_BATCH_H

#include "cli.h"

/* The options every command that works on many inputs takes, and their help text. */
typedef struct cli_batch_opts {
    bool ndjson;        /* --ndjson: every input is a stream of one deployment per line */
    const char *jobs_s; /* -j N / --jobs N as given, NULL: all cores */
    unsigned jobs;      /* the number of threads, set by cli_batch_args */
    bool batch;         /* set by cli_batch_args: more than one input, a folder, or --ndjson */
} cli_batch_opts;

#define CLI_BATCH_HELP                                                                        \
    "Many inputs: several FILEs, folders (their *.json files, in name order) or, with\n"    \
    "--ndjson, streams of one deployment per line (a file or -). Each input gives one JSON\n" \
    "line on standard output, in input order, with its \"input\" (and \"line\"); see\n"      \
    "docs/cli-json.md. Work is spread over threads; a progress line goes to standard\n"     \
    "error when it is a terminal.\n"                                                        \
    "  --ndjson            read every input as NDJSON (blank lines are skipped)\n"            \
    "  -j N, --jobs N      threads (default: every core)\n"

/* The lines of an options table for these options (put them before the table's end). */
#define CLI_BATCH_OPTS(o)                                                                      \
    {"--ndjson", NULL, &(o)->ndjson}, {"-j", &(o)->jobs_s, NULL}, {"--jobs", &(o)->jobs_s, NULL}

/* cli_args for a command that takes many inputs (opts holds CLI_BATCH_OPTS(o)): one or
 * more positional arguments into *pos (malloc'd: free it), then -j checked and o->batch
 * set. Returns 0 to go on, or, with *pos NULL, CLI_DONE after the help or CLI_USAGE after
 * printing why. */
int cli_batch_args(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts, cli_batch_opts *o, const char ***pos,
                   size_t *npos);

/* The work of one input: decode in->data[0..in->len) and write the members of its result
 * (starting with "ok") into w, an open object. Returns CLI_OK, CLI_REFUSED, or CLI_USAGE
 * when it could not do its job (out of memory). Runs on several threads at once, each on
 * its own input; ctx and arg are shared and must only be read. */
typedef int (*cli_batch_fn)(const cli_ctx *ctx, void *arg, const cli_input *in, jw *w);

/* Runs fn on one input and writes its result on standard output as a JSON document (the
 * --json answer for a single input). Returns fn's status. */
int cli_print_members(const cli_ctx *ctx, cli_batch_fn fn, void *arg, const cli_input *in);

/* Runs fn on every input of paths[0..n) as o says, writing one line per input to standard
 * output. Returns the exit status: CLI_OK when every input was accepted, CLI_REFUSED when
 * one was refused, CLI_USAGE when one could not be read or standard output failed (the
 * failure of standard output is reported by main). */
int cli_batch_run(const cli_ctx *ctx, const char *const *paths, size_t n, const cli_batch_opts *o, cli_batch_fn fn,
                  void *arg);

/* ---- where inputs come from (batch_source.c) ---- */

/* One input taken from the sources: a whole file to load (path set), an NDJSON line
 * (data set), or a problem with the input to report in its place (failed set). */
typedef struct cli_item {
    const char *path;   /* a file to read whole; borrowed */
    cli_input in;       /* an NDJSON line: in.data malloc'd; in.name and in.line set */
    bool failed;        /* the input could not be read: why says so */
    cli_ioerr why;
} cli_item;

typedef struct cli_source cli_source;

/* The inputs paths[0..n) in order: folders expanded to their *.json files in name order
 * (with ndjson, every path is a stream, and folders are refused). Returns NULL when out of
 * memory. The source borrows paths. */
cli_source *cli_source_new(const cli_ctx *ctx, const char *const *paths, size_t n, bool ndjson);

/* The next input into *it: 1, or 0 when there is none left. Only one thread at a time may
 * call it; blocking reads happen here. */
int cli_source_next(cli_source *s, cli_item *it);

/* Whether cli_source_next can give the next input without waiting for a read: a file
 * name, or a whole line already in the block read from a stream. */
bool cli_source_at_hand(const cli_source *s);

void cli_source_free(cli_source *s);

#endif
