/* keys_file.h — the public keys `verify` checks against (keys_file.c). */
#ifndef GRIDTYPES_CLI_KEYS_FILE_H
#define GRIDTYPES_CLI_KEYS_FILE_H

#include "cli.h"

typedef struct cli_key_entry {
    uint32_t twin;
    uint8_t key[GT_KEY_MAX];
    size_t len;
} cli_key_entry;

typedef struct cli_keys {
    cli_key_entry *items;
    size_t n, cap;
    const struct cli_keys *fallback; /* asked when this table has no key for a twin; borrowed */
} cli_keys;

/* Parses {"<twin>": "<key>", ...}, each key hex (either case), 0x hex or an SS58
 * address. Returns 0, or -1 with a reason in why and the byte offset in *where. */
int cli_keys_parse(const char *s, size_t n, cli_keys *out, char *why, size_t cap, size_t *where);

/* Adds the key of a `--key TWIN=KEY` argument. Returns 0, or -1 with a reason. */
int cli_keys_add_arg(cli_keys *k, const char *arg, char *why, size_t cap);

void cli_keys_free(cli_keys *k);

/* A gt_key_getter over a cli_keys (ctx), then its fallback; a twin without a key:
 * GT_ENOTFOUND "key not found", the text the reference's getter gives. */
int cli_keys_getter(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err);

#endif
