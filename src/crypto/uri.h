/* Substrate secret URIs: PHRASE? (//hard | /soft)* (///password)?
 *
 * Internal header: not part of the public API. Spans point into the caller's string. */
#ifndef GT_CRYPTO_URI_H
#define GT_CRYPTO_URI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gridtypes/error.h"

typedef struct gt_secret_uri {
    const char *phrase; /* NULL when the URI starts with the path (use the dev phrase) */
    size_t phrase_len;
    const char *path;   /* the junctions, e.g. "//Alice/0"; may be empty */
    size_t path_len;
    const char *password; /* NULL without "///" */
    size_t password_len;
} gt_secret_uri;

typedef struct gt_junction {
    uint8_t cc[32]; /* chain code */
    bool hard;
} gt_junction;

/* Splits s[0..len) like sp-core's SecretUri (regex
 * ^(?P<phrase>[a-zA-Z0-9 ]+)?(?P<path>(//?[^/]+)*)(///(?P<password>.*))?$).
 * Returns GT_OK or GT_EKEY with err->offset at the offending byte. */
int gt_secret_uri_parse(const char *s, size_t len, gt_secret_uri *out, gt_error *err);

/* Yields the next junction of a path that gt_secret_uri_parse accepted, starting at *pos.
 * Returns false at the end of the path. */
bool gt_junction_next(const char *path, size_t len, size_t *pos, gt_junction *j);

/* Chain code of one junction code (the text after "/" or "//"), as sp-core's DeriveJunction:
 * text that parses as a Rust u64 ("+" sign allowed, no overflow) gives its 8 little-endian
 * bytes, other text its SCALE encoding (compact length + bytes); zero-padded to 32 bytes, or
 * replaced by its blake2b-256 when longer than 32. */
void gt_junction_chain_code(uint8_t cc[32], const char *code, size_t len);

#endif
