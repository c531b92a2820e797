/* secret.h — key pairs from secrets for `sign` and `key` (secret.c). */
#ifndef GRIDTYPES_CLI_SECRET_H
#define GRIDTYPES_CLI_SECRET_H

#include "cli.h"

/* Derives a key pair of `type` from the secret URI in `file` ("-" for standard input) or,
 * when file is NULL, in $GRIDTYPES_MNEMONIC (whose bytes are then wiped and unset). Begins
 * the secret guard (below). Returns CLI_OK (then wipe kp with
 * gt_keypair_wipe), CLI_REFUSED for an unusable secret, CLI_USAGE when there is none. */
int cli_keypair_from(const cli_ctx *ctx, const char *file, gt_key_type type, gt_keypair *kp);

/* No core dumps and no same-user debugger (RLIMIT_CORE 0, PR_SET_DUMPABLE 0) from begin
 * until end, while a secret is in memory. cli_keypair_from begins; the command ends after
 * wiping the key pair. Idempotent. */
void cli_secret_guard_begin(void);
void cli_secret_guard_end(void);

/* The public key of kp in hex and as a generic substrate SS58 address. */
void cli_print_public(const gt_keypair *kp, char ss58[GT_SS58_BUFSIZE], char hex[2 * GT_PUBLIC_KEY_BYTES + 1]);

#endif
