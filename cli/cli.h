/* cli.h — what the subcommands of `gridtypes` share: exit statuses, argument parsing,
 * reading inputs, reporting errors with their location, JSON output and units.
 *
 * Conventions every subcommand follows:
 *   - exit status CLI_OK (0) when all is well, CLI_REFUSED (1) when the input is refused
 *     (does not decode, fails validation where that is the question, does not verify),
 *     CLI_USAGE (2) for usage and I/O errors (unknown option, missing file);
 *   - results on standard output; warnings and errors on standard error, except with
 *     --json, where a refusal is itself a JSON result on standard output;
 *   - inputs are a path or `-` for standard input, read whole with a size limit. */
#ifndef GRIDTYPES_CLI_H
#define GRIDTYPES_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sys/stat.h>
#include <sys/types.h>

#include "gridtypes.h"

enum { CLI_OK = 0, CLI_REFUSED = 1, CLI_USAGE = 2 };

/* cli_args returns this when --help was printed and the command is done (status 0). */
#define CLI_DONE (-1)

/* Inputs larger than this are refused unless --max-size says otherwise. A deployment is a
 * few kilobytes; the limit only keeps a wrong file from filling memory. */
#define CLI_MAX_INPUT_DEFAULT ((size_t)16 << 20)

/* ---- per-command context and arguments (args.c) ---- */

typedef struct cli_ctx {
    const char *cmd;   /* the subcommand's name, for messages */
    const char *usage; /* its help text */
    bool json;         /* --json */
    size_t max_input;  /* --max-size, CLI_MAX_INPUT_DEFAULT otherwise */
    size_t max_memory; /* --max-memory, 0 (the library's default budget) otherwise */
    bool insecure_permissions; /* --insecure-permissions (sign, key): secret files readable by others */
    const struct cli_many *repeatable; /* options that may be repeated, ended by {NULL}; may be NULL */
} cli_ctx;

/* One option a subcommand accepts besides the common --json, --help and --max-size.
 * Exactly one of `value` (the option takes an argument) and `flag` is set. */
typedef struct cli_opt {
    const char *name; /* "--twin" */
    const char **value;
    bool *flag;
} cli_opt;

/* An option that may be given several times (`--key 1=... --key 2=...`): its values go to
 * values[0..*n), at most max of them. */
typedef struct cli_many {
    const char *name;
    const char **values;
    size_t *n;
    size_t max;
} cli_many;

/* Parses argv[1..argc) (argv[0] is the subcommand): options from `opts` (a table ended
 * by a {NULL} entry, may be NULL), the common ones, and between minpos and maxpos
 * positional arguments into pos (`-` is positional; `--` ends the options). Accepts
 * `--name value` and `--name=value`. Returns 0 to go on, CLI_DONE after printing the help,
 * or CLI_USAGE after printing why on standard error. */
int cli_args(cli_ctx *ctx, int argc, char **argv, const cli_opt *opts, const char **pos, size_t minpos,
             size_t maxpos, size_t *npos);

/* Prints "gridtypes CMD: <message>" and a hint to --help on standard error; returns CLI_USAGE. */
int cli_usage_error(const cli_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Decodes json[0..len) as a deployment within the limits --max-size and --max-memory set.
 * GT_OK with *out decoded; otherwise *out NULL and *e the error, where a GT_ELIMIT (the
 * memory budget) names the option that raises the budget. */
int cli_decode(const cli_ctx *ctx, const char *json, size_t len, gt_deployment **out, gt_error *e);

/* Parses a decimal unsigned integer no larger than max (no sign, no spaces). */
bool cli_parse_u64(const char *s, uint64_t max, uint64_t *out);

/* ---- inputs (io.c) ---- */

typedef struct cli_input {
    char *data;       /* malloc'd, NUL-terminated (the NUL is not counted in len) */
    size_t len;
    const char *name; /* the path, or "<stdin>"; borrowed */
    gt_locator *locator; /* over data, for error positions; NULL for secrets or when out of memory */
    uint64_t line;    /* the line of an --ndjson stream it came from (from 1), 0 for a whole file */
    bool has_id;      /* read from a regular file, whose device and inode follow */
    dev_t dev;
    ino_t ino;
} cli_input;

/* Why an input could not be read: the exit status it calls for (CLI_REFUSED for an
 * input that is empty or too large, CLI_USAGE for one that cannot be opened or read),
 * the error code of the JSON shape ("io", "limit", "syntax", "memory") and a message that
 * names the input. */
typedef struct cli_ioerr {
    int status;
    const char *code;
    char message[600];
} cli_ioerr;

/* Fills *why: the status, the code and the message fmt makes. Returns status. */
int cli_ioerr_set(cli_ioerr *why, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reads `path` (or standard input for "-") whole, printing nothing, and makes its
 * locator. Refuses (CLI_REFUSED)
 * an empty input and one larger than ctx->max_input; a missing file, a directory or a
 * read error is CLI_USAGE. On failure *why says why and in holds nothing. */
int cli_load_input(const cli_ctx *ctx, const char *path, cli_input *in, cli_ioerr *why);

/* Makes in->locator over in->data (error positions), unless there is one; without memory
 * for it, errors are shown without line and column. */
void cli_input_locate(cli_input *in);

/* Prints why an input could not be read: on standard error, or with --json as the
 * failure shape {"ok":false,"error":{...}} on standard output. */
void cli_report_ioerr(const cli_ctx *ctx, const cli_ioerr *why);

/* cli_load_input, then cli_report_ioerr on failure. */
int cli_read_input(const cli_ctx *ctx, const char *path, cli_input *in);

/* Same for secret material: the buffer comes from sodium_malloc (guarded, not swapped),
 * trailing newlines and spaces are cut, and cli_secret_free wipes it. A regular file
 * readable by group or others is refused (CLI_USAGE, with the chmod 600 hint) unless
 * ctx->insecure_permissions; from a terminal, one line is read without echo. */
int cli_read_secret(const cli_ctx *ctx, const char *path, cli_input *in);
void cli_secret_free(cli_input *in);

/* Reads one line from terminal fd with echo off (restored on every way out, signals
 * included) into sodium memory: at most limit + 1 bytes are kept. CLI_OK or CLI_USAGE
 * (tty.c). */
int cli_tty_read_secret(const cli_ctx *ctx, int fd, size_t limit, cli_input *in);

/* Whether descriptors a and b are the same regular file (device and inode): an input
 * that is also the output would be overwritten or appended to while it is read. */
bool cli_same_file(int a, int b);

/* The comparison behind cli_same_file and cli_input_is: both regular files, same device,
 * same inode. */
bool cli_same_stat(const struct stat *a, const struct stat *b);

/* `arg` as messages may show it: itself, or a placeholder when it looks like a secret (a
 * mnemonic of 12 or more words, a 32-byte hex seed, a secret URI with "//"), which a user
 * may have typed where a file name belongs: it must not end up on the screen or in logs. */
const char *cli_shown_arg(const char *arg);
bool cli_looks_secret(const char *arg);

void cli_input_free(cli_input *in);

/* Whether the file described by st (from stat or fstat) is the very file `in` was read
 * from: same device and inode, whatever the path or link it was reached by. False when
 * the input was not a regular file (a pipe, a terminal) or st is not one. Every command
 * that writes a file or standard output asks this before writing over its input. */
bool cli_input_is(const cli_input *in, const struct stat *st);

/* ---- writing a document to a file (atomic_write.c) ---- */

/* A document being written: to standard output, or to a temporary file beside its
 * destination that replaces the destination only once it is complete and on disk. */
typedef struct cli_outfile {
    FILE *f;           /* write the document here */
    int fd;
    char *tmp;         /* the temporary file (malloc'd); NULL for standard output, a device, a pipe */
    char *path;        /* the destination, links resolved (malloc'd) */
    const char *shown; /* the destination as the user wrote it, for messages; borrowed */
} cli_outfile;

/* The destination of a command that writes a document of `input`: -o OUT (`output`, may
 * be NULL), or with --in-place alone the input itself, or "-" (standard output) without
 * either. CLI_OK, or CLI_USAGE after printing why (--in-place on standard input). */
int cli_out_dest(const cli_ctx *ctx, const char *input, const char *output, bool in_place, const char **dest);

/* Starts writing to dest ("-": standard output). Refuses with a usage error (CLI_USAGE)
 * when dest is the file `in` was read from (cli_input_is), unless in_place; `in` may be
 * NULL. The new file keeps an existing destination's permissions. Prints why on failure
 * (as JSON with --json for I/O errors). */
int cli_out_open(const cli_ctx *ctx, const char *dest, const cli_input *in, bool in_place, cli_outfile *o);

/* Finishes: flush, fsync, close, rename over the destination, fsync its folder. Any
 * failure is printed (the destination is then untouched) and gives CLI_USAGE. For
 * standard output it only lets go (main checks standard output's writes). */
int cli_out_commit(const cli_ctx *ctx, cli_outfile *o);

/* Gives up: the temporary file is removed, the destination untouched. */
void cli_out_abort(cli_outfile *o);

/* ---- deployments and errors (report.c, locate.c) ---- */

/* Where an error points in an input: byte offset, line and column (from 1). */
typedef struct cli_loc {
    bool known;
    size_t offset;
    size_t line, col;
} cli_loc;

/* When json[0..len) is the object {"deployment": D, "keys": K} (keys optional, no other
 * member; how `verify` takes a deployment with its own keys), sets the byte spans
 * [start, end) of D and K (K's empty when absent) and returns true (verify_wrapper.c).
 * Only the outline is checked here: D and K are read by their own parsers afterwards. */
bool cli_verify_wrapper(const char *json, size_t len, size_t dep[2], size_t keys[2]);

/* Where error `e` points in input `in`: its own offset when it has one, otherwise the
 * place its JSON path names (or the deepest part of it that exists), through the input's
 * locator. in may be NULL (then only e's offset is used). */
void cli_error_loc(const cli_input *in, const gt_error *e, cli_loc *loc);

/* Decodes a deployment from an input. On failure prints the error with its location and
 * returns CLI_REFUSED (*out NULL); on success CLI_OK. */
int cli_parse_deployment(const cli_ctx *ctx, const cli_input *in, gt_deployment **out);

/* Reads `path` (or `-`) and decodes it. On CLI_OK the caller owns *in and *out; on any
 * other status both are already released and the problem has been printed. */
int cli_open_deployment(const cli_ctx *ctx, const char *path, cli_input *in, gt_deployment **out);

/* Prints a refusal: on standard error as "gridtypes CMD: NAME:LINE:COL: message (at PATH,
 * byte N)", or with --json as {"ok":false,"error":{...}} on standard output. `what` is a
 * short lead ("cannot decode", "cannot hash"), may be NULL. Returns CLI_REFUSED. */
int cli_refuse(const cli_ctx *ctx, const cli_input *in, const char *what, const gt_error *e);

/* A sentence that explains what an error at loc in `in` found, when the error's own
 * message cannot (a byte order mark, which Go quotes as 'ï'); NULL when there is none. */
const char *cli_error_hint(const cli_input *in, const cli_loc *loc);

/* Formats "NAME:LINE:COL" or "NAME" into buf. */
void cli_format_where(const cli_input *in, const cli_loc *loc, char *buf, size_t cap);

/* Reads two inputs (the `hash --compare` and `upgrade` commands) share nothing else. */

/* ---- JSON output (json_out.c; the shapes are documented in docs/cli-json.md) ---- */

/* A small streaming writer of JSON: callers emit values and keys in order and the writer
 * puts commas, indentation and escapes. The text is built in memory: jw_init's document
 * goes to its FILE at jw_end (indented), jw_init_line's is one compact line the caller
 * takes with jw_take (a line of a batch). Strings are written as UTF-8 with invalid bytes
 * replaced by U+FFFD, so the output is always valid JSON. */
typedef struct jw {
    FILE *f;
    char *buf;
    size_t len, cap;
    bool oom;     /* an allocation failed: the document is incomplete */
    bool compact; /* one line, no spaces */
    int depth;
    bool first[32]; /* per open level: nothing written in it yet */
    bool after_key;
} jw;

/* What is written in place of a document that ran out of memory being built: the failure
 * shape (jw_failure_members), "memory", on one line. */
#define CLI_JSON_OOM_LINE                                                                            \
    "{\"ok\":false,\"error\":{\"code\":\"memory\",\"message\":\"out of memory writing the result\"," \
    "\"path\":\"\",\"offset\":null,\"line\":null,\"column\":null}}\n"

void jw_init(jw *w, FILE *f);
void jw_init_line(jw *w);
void jw_obj(jw *w);
void jw_obj_end(jw *w);
void jw_arr(jw *w);
void jw_arr_end(jw *w);
void jw_key(jw *w, const char *key);
void jw_strn(jw *w, const char *s, size_t n);
void jw_str(jw *w, const char *s); /* NULL writes null */
void jw_gstr(jw *w, gt_str s);
void jw_u64(jw *w, uint64_t v);
void jw_i64(jw *w, int64_t v);
void jw_bool(jw *w, bool v);
void jw_null(jw *w);
void jw_hex(jw *w, const uint8_t *b, size_t n); /* a string of lowercase hex */
void jw_raw(jw *w, const char *json, size_t n); /* already valid JSON, inserted as is */
/* Ends the document with a newline; a jw_init writer writes it to its FILE (an incomplete
 * one is replaced by a "memory" failure) and frees it. */
void jw_end(jw *w);
/* The document of a jw_init_line writer after jw_end: malloc'd, *len bytes (the final
 * newline included); NULL when an allocation failed. The writer is empty afterwards. */
char *jw_take(jw *w, size_t *len);
void jw_free(jw *w);

/* A capacity as {"cru","mru","sru","hru","ipv4u"} with exact numbers. */
void jw_capacity(jw *w, const gt_capacity *c);

/* The members "offset", "line" and "column" of a place in the input, into an open object;
 * null when loc is NULL or not known. */
void jw_where(jw *w, const cli_loc *loc);

/* The error object every command uses: {"code", "message", "path", "offset", "line",
 * "column"}; code is gt_status_name's word, the last three null when unknown. */
void jw_error(jw *w, const gt_error *e, const cli_loc *loc);

/* The members of a refusal, into an open object: "ok": false, "stage" (when not NULL:
 * what was being done, "cannot decode"), "error": {...} located in `in` (may be NULL). */
void jw_refusal_members(jw *w, const cli_input *in, const char *stage, const gt_error *e);

/* The members of a failure that is not about a place in the input (an I/O error, an
 * unusable input as a whole): "ok": false, "error": {code, message, "", null...}. */
void jw_failure_members(jw *w, const char *code, const char *message);

/* cli_parse_deployment for a JSON result being written (a line of a batch): CLI_OK with
 * *out decoded, or *out NULL and the failure ("memory", CLI_USAGE) or the refusal ("cannot
 * decode", CLI_REFUSED) written as members of w's open object (report.c). */
int cli_decode_members(const cli_ctx *ctx, const cli_input *in, jw *w, gt_deployment **out);

/* ---- text helpers (units.c, text.c) ---- */

/* "10 GiB", "512 MiB", "1.5 GiB", "0 B". */
void cli_fmt_bytes(uint64_t bytes, char *out, size_t cap);

/* "2 cores, 4 GiB memory, 10 GiB SSD, 1 IPv4"; "nothing" when all are zero. */
void cli_fmt_capacity(const gt_capacity *c, char *out, size_t cap);

/* Adds capacity x to total as the node does (uint64, wrapping around). Returns the
 * resources whose sum wrapped: bit 0 cru, 1 mru, 2 sru, 3 hru, 4 ipv4u. */
unsigned cli_capacity_add(gt_capacity *total, const gt_capacity *x);

/* The wrapped resources as a JSON array of their names (["sru"]), and as warnings on
 * standard error. */
void jw_overflow(jw *w, unsigned wrapped);
void cli_warn_overflow(const char *cmd, unsigned wrapped);

/* Writes n bytes to f with `\\`, `\t`, `\n` and every byte that is not printable ASCII as
 * `\xHH` (the challenge map's text format). */
void cli_write_escaped(FILE *f, const void *bytes, size_t n);

/* Writes an error's whole message (message_len bytes, NULs included): as it is (it may
 * quote input text, UTF-8 included), but with control bytes as \xHH so that it stays on
 * one line. */
void cli_put_error(FILE *f, const gt_error *e);

/* Writes a gt_str for a human: printable bytes as they are, others escaped as above. */
void cli_put_gstr(FILE *f, gt_str s);

/* Names the byte at p (avail bytes from there) for a message: "a newline", "a tab", "a
 * UTF-8 byte order mark (EF BB BF)", "'x'", "the byte 0x00", "the end of the input". */
void cli_name_byte(const char *p, size_t avail, char *out, size_t cap);

/* Go's text for an IP / IP net ("<nil>" when empty). */
void cli_fmt_ip(const gt_ip *ip, char out[64]);
void cli_fmt_ipnet(const gt_ipnet *n, char out[96]);

/* ---- validation problems (problems.c) ---- */

/* One problem validation finds. `workload` is the index of the workload concerned, or
 * SIZE_MAX for the deployment itself. `node_reports` marks the problem the node (and
 * gt_deployment_valid) reports: the first one, where the reference stops. */
typedef struct cli_problem {
    size_t workload;
    bool node_reports;
    gt_error err;
} cli_problem;

/* How many problems validate and explain list; the others are counted ("and N more"). */
#define CLI_PROBLEMS_MAX 100

/* Validates `d` like the reference (the verdict is gt_deployment_valid's) and, where the
 * reference stops at the first problem, goes on to check every workload. Keeps the first
 * `max` problems (the one the node reports always among them, first when the walk did not
 * meet it early enough) and counts them all into *total (may be NULL). *out is malloc'd
 * (free() it), *n its length; returns the verdict's status. Linear in the deployment. */
int cli_collect_problems(const gt_deployment *d, size_t max, cli_problem **out, size_t *n, size_t *total);

/* The workload index a path such as "workloads[3].data.size" (an error's, a challenge
 * fragment's) starts with, or SIZE_MAX. */
size_t cli_path_workload(const char *path);

/* ---- upgrade warnings (upgrade_warn.c) ---- */

/* A list of strings, each malloc'd. */
typedef struct cli_strlist {
    char **items;
    size_t n, cap;
} cli_strlist;

void cli_strlist_free(cli_strlist *l);

/* The challenge maps of both deployments of an update, built once for all its warnings. */
typedef struct cli_upgrade_diff {
    const gt_deployment *cur, *next;
    gt_challenge_map mo, mn;
    size_t (*so)[2], (*sn)[2]; /* per workload, the range of its fragments in mo / mn */
    bool ready;                /* false: no field can be named */
} cli_upgrade_diff;

/* GT_OK, or an error (then the warnings name no fields); free x in both cases. */
int cli_upgrade_diff_init(cli_upgrade_diff *x, const gt_deployment *cur, const gt_deployment *next);
void cli_upgrade_diff_free(cli_upgrade_diff *x);

/* For a warning of gt_deployment_upgrade_warnings with changed data: the data fields that
 * differ between its workload in `next` and the one of that name in `cur`
 * ("compute_capacity.memory", "env.TZ"), each once, into *out (empty when none can be
 * named; free it with cli_strlist_free). Cost: the workloads' fields, sorted. */
void cli_upgrade_changed_fields(const cli_upgrade_diff *x, const gt_upgrade_warning *w, cli_strlist *out);

/* ---- subcommands (cmd_*.c) ---- */

int cmd_validate(int argc, char **argv);
int cmd_hash(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_capacity(int argc, char **argv);
int cmd_upgrade(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_id(int argc, char **argv);
int cmd_netid(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_fmt(int argc, char **argv);

/* The `hash --compare` part of cmd_hash (compare.c): prints what gt_challenge_compare
 * finds between our challenge and theirs. */
int cli_compare(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, const cli_input *theirs,
                bool theirs_hex, bool all);

/* The `hash --expect HASH` part of cmd_hash (expect.c): prints which known divergences
 * gt_divergence_search finds behind another implementation's hash. */
int cli_expect(const cli_ctx *ctx, const cli_input *in, const gt_deployment *d, const char *hash);

/* verify's explanation of a refused signature (verify_explain.c): the hash checked and
 * the finding, in words or as members of the JSON object being written. */
void cli_explanation_text(const gt_verify_explanation *x);
void cli_explanation_json(jw *w, const gt_verify_explanation *x);

/* The --key-type option s (NULL when not given): "ed25519" or "sr25519". CLI_OK, or
 * CLI_USAGE after printing why. */
int cli_key_type(const cli_ctx *ctx, const char *s, gt_key_type *out);

#endif
