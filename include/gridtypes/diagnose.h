/* gridtypes/diagnose.h — finding why another client's answer differs from the node's.
 *
 * The node's verdicts (hash, validity, signatures) come from the rest of the library and
 * are the reference's. What this header adds is explanation: where another
 * implementation's challenge leaves ours and, when the pattern is a known one, why.
 * Nothing here changes a verdict; every text it produces is ours, not the reference's.
 *
 * Ownership: every object returned through an out-pointer is owned by the caller and
 * released by the matching *_free; pointers inside it are borrowed from it. */
#ifndef GRIDTYPES_DIAGNOSE_H
#define GRIDTYPES_DIAGNOSE_H

#include "gridtypes/deployment.h"
#include "gridtypes/error.h"
#include "gridtypes/signing.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- the challenge kept in memory, fragment by fragment ---- */

/* One fragment of the challenge: the JSON path of the field that wrote it and where its
 * bytes are in gt_challenge_map.bytes. Fragments may be empty (len 0). */
typedef struct gt_challenge_fragment {
    char *path;   /* NUL-terminated, owned by the map */
    size_t start; /* offset of the fragment in the challenge */
    size_t len;
} gt_challenge_fragment;

/* The whole challenge (the bytes Deployment.Challenge writes) and its fragments in
 * order; the fragments' bytes, concatenated, are `bytes`. Built from the same library
 * code path as the hash, so what it shows is what is hashed. */
typedef struct gt_challenge_map {
    uint8_t *bytes; /* the challenge, `len` bytes (not NUL-terminated) */
    size_t len;
    gt_challenge_fragment *frags;
    size_t nfrags;
    size_t cap, fcap; /* internal: allocated sizes */
    bool oom;         /* internal */
} gt_challenge_map;

/* Fills *m with the challenge map of d (m needs no initialisation). GT_OK, or the error
 * of gt_deployment_challenge_map, or GT_ENOMEM. Whatever the status, release *m with
 * gt_challenge_map_free. */
int gt_challenge_map_build(const gt_deployment *d, gt_challenge_map *m, gt_error *err);

/* Releases what the map holds and zeroes it. NULL is fine. */
void gt_challenge_map_free(gt_challenge_map *m);

/* The index of the fragment that holds byte `offset` of the challenge; for an offset at
 * or past the end, the last non-empty fragment; SIZE_MAX when the map has no fragment. */
size_t gt_challenge_map_find(const gt_challenge_map *m, size_t offset);

/* ---- comparing another implementation's challenge with ours ---- */

#define GT_COMPARE_CAUSES_MAX 6
#define GT_COMPARE_CAUSE_TEXT_MAX 512

/* A likely cause of a difference. `code` names the pattern for programs (static
 * storage, stable across releases):
 *   "trailing-newline", "trailing-crlf", "trailing-bytes"   bytes after our last byte
 *   "signature-style-missing", "field-missing"               a field of ours left out
 *   "extra-bytes"                                            bytes inserted in or after a value
 *   "float-written"              an integer written as a float ("4294967296.0")
 *   "undefined-written"          "undefined" / "null" / "None" where the node writes an
 *                                empty or zero value
 *   "nil-net"                    an unset IP net, which the node writes "<nil>"
 *   "hex-case", "letter-case", "python-bool"                 the same letters, other case
 *   "ip-unnormalised", "ip-different"                        an IP not in Go's form
 *   "number-above-2^53"          an integer rounded by a double
 * `text` says it for people. */
typedef struct gt_compare_cause {
    const char *code;
    char text[GT_COMPARE_CAUSE_TEXT_MAX];
} gt_compare_cause;

/* One place where their challenge leaves ours: our bytes [ours_offset, ours_offset +
 * ours_len) stand where theirs has [theirs_offset, theirs_offset + theirs_len); after
 * them the texts agree again (or both end). A span of 0 bytes is a deletion or an
 * insertion. When no agreement was found within GT_COMPARE_RESYNC_MAX bytes, both spans
 * run to the ends of the texts. */
typedef struct gt_challenge_difference {
    size_t ours_offset;   /* first differing byte in our challenge (may be its length) */
    size_t theirs_offset; /* the same place in theirs (may be its length) */
    size_t ours_len, theirs_len;
    /* Index in the map of our fragment blamed for it: the one holding the first differing
     * byte, or, for bytes inserted between two fields, the field they most likely belong
     * to (bytes added to the end of a value belong to it, a placeholder such as
     * "undefined" to the empty field at that place). SIZE_MAX: none (bytes after our
     * whole challenge). */
    size_t fragment;
    size_t ncauses;
    gt_compare_cause causes[GT_COMPARE_CAUSES_MAX];
} gt_challenge_difference;

/* What `theirs` turned out to be. */
typedef enum gt_theirs_kind {
    GT_THEIRS_CHALLENGE = 0, /* a challenge text (the usual case) */
    GT_THEIRS_HASH,          /* a hash: 32 hex digits, or 16 raw bytes; compared with ours */
    GT_THEIRS_DEPLOYMENT     /* a deployment's JSON: its challenge is what was compared */
} gt_theirs_kind;

/* The result of gt_challenge_compare. */
typedef struct gt_comparison {
    bool equal;             /* their challenge (or hash) is exactly ours */
    gt_theirs_kind theirs_kind;
    gt_challenge_map ours;  /* our challenge and its fragments */
    uint8_t *theirs;        /* their challenge as compared (hex decoded; for a deployment,
                               its challenge; for a hash, the bytes given), owned */
    size_t theirs_len;
    char ours_hash[33];     /* our hash in hex (always set) */
    char theirs_hash[33];   /* for GT_THEIRS_HASH: theirs in lower-case hex; else "" */
    gt_challenge_difference *diffs; /* the differences found (none when equal or a hash) */
    size_t ndiffs;
    bool truncated;         /* GT_COMPARE_ALL stopped at GT_COMPARE_DIFFS_MAX */
} gt_comparison;

/* How far apart the texts may drift before a difference is taken to run to the end, and
 * how many differences GT_COMPARE_ALL lists at most. Finding where the texts agree again
 * costs O(GT_COMPARE_RESYNC_MAX^2) byte comparisons per difference at worst. */
#define GT_COMPARE_RESYNC_MAX 256
#define GT_COMPARE_DIFFS_MAX 100

/* Flags of gt_challenge_compare. */
enum {
    /* `theirs` is the challenge in hex (an optional 0x; spaces, tabs and newlines are
     * ignored; either letter case) rather than its raw bytes. */
    GT_COMPARE_HEX = 1u << 0,
    /* List every difference (up to GT_COMPARE_DIFFS_MAX), finding after each where the
     * texts agree again; without it only the first difference is explained. */
    GT_COMPARE_ALL = 1u << 1
};

/* Compares `theirs` (len bytes: another implementation's challenge for the same
 * deployment) with the challenge of d, and explains where they differ: the offsets, the
 * field of ours blamed and the causes recognised. `theirs` is recognised for what it is:
 * 32 hex digits (or, with GT_COMPARE_HEX, 16 bytes) are a hash, compared with ours;
 * a JSON object that decodes as a deployment is compared through its challenge. On GT_OK
 * *out is a new comparison (free it with gt_comparison_free), whether they are equal or
 * not. Errors: GT_EARG (NULL arguments, unknown flags), GT_EVALUE when GT_COMPARE_HEX is
 * set and theirs is not hex (offset: the first byte that is not a hex digit, or len for
 * an odd number of digits), the challenge's own error (GT_EDATA, GT_EPANIC), GT_ENOMEM;
 * then *out is NULL. */
int gt_challenge_compare(const gt_deployment *d, const void *theirs, size_t len, unsigned flags,
                         gt_comparison **out, gt_error *err);

/* Releases a comparison. NULL is fine. */
void gt_comparison_free(gt_comparison *c);

/* Stable names of what `theirs` was: "challenge", "hash", "deployment" (static text). */
const char *gt_theirs_kind_name(gt_theirs_kind k);

/* ---- the catalogue of known divergences, and the search for the one behind a hash ----
 *
 * Each entry is one way another implementation (or an older node) writes the challenge
 * differently from the rules implemented here: a measured client bug, an older zos rule
 * set, or a common slip. docs/DIVERGENCES.md lists them all with their rules and sources.
 * The catalogue is data: entries are looked up by index or name and never change order
 * within a release (new entries are appended). */

typedef enum gt_divergence_kind {
    GT_DIVERGENCE_CLIENT = 0, /* measured in a client library */
    GT_DIVERGENCE_NODE_RULES, /* the challenge of an older node release */
    GT_DIVERGENCE_SLIP        /* a mistake any hand-written client can make */
} gt_divergence_kind;

typedef struct gt_divergence {
    const char *name;     /* stable identifier: "nl-ip-range-undefined" */
    gt_divergence_kind kind;
    const char *rule;     /* what is written differently, in one sentence */
    const char *versions; /* where it comes from: client versions, zos releases */
    bool per_field;       /* may be applied to one field alone (see gt_divergence_apply) */
} gt_divergence;

/* The number of entries, and entry i (NULL when i is out of range). Static data. */
size_t gt_divergence_count(void);
const gt_divergence *gt_divergence_get(size_t i);

/* Stable names of the kinds: "client", "node-rules", "slip" (static text). */
const char *gt_divergence_kind_name(gt_divergence_kind k);

/* The index of the entry called `name`, or SIZE_MAX. */
size_t gt_divergence_find(const char *name);

/* The text another implementation hashes for d when it makes the divergences
 * which[0..n) (catalogue indexes, applied together, in catalogue order): for most
 * entries a challenge text; for "hash-of-hex-hash", the 32 hex digits that are then
 * hashed. `field` (may be NULL) limits entries marked per_field to the one fragment whose
 * JSON path it is; other entries ignore it. When no entry changes anything, the text is
 * the node's own challenge. On GT_OK *text is malloc'd (free() it), *len its length.
 * Errors: GT_EARG (an index out of range, NULL pointers), the challenge's own error
 * (GT_EDATA, GT_EPANIC), GT_ENOMEM. */
int gt_divergence_apply(const gt_deployment *d, const size_t *which, size_t n, const char *field, uint8_t **text,
                        size_t *len, gt_error *err);

#define GT_DIVERGENCE_COMBO_MAX 8

/* A per_field entry is tried on at most this many fields alone (the first ones it changes):
 * each try hashes the whole text, so the search stays a constant number of passes. */
#define GT_DIVERGENCE_FIELDS_MAX 64

/* A combination of entries that reproduces a hash. */
typedef struct gt_divergence_match {
    size_t entries[GT_DIVERGENCE_COMBO_MAX]; /* catalogue indexes, ascending */
    size_t nentries;
    char field[GT_ERROR_PATH_MAX];           /* the one field a per_field entry was limited to; "" */
} gt_divergence_match;

/* The result of gt_divergence_search. */
typedef struct gt_divergence_result {
    bool equal;          /* their hash is the node's: nothing to explain */
    char ours[33];       /* the node's hash, lower-case hex */
    char theirs[33];     /* theirs, lower-case hex */
    size_t applicable;   /* entries that change this deployment's challenge */
    size_t tried;        /* candidate texts hashed */
    gt_divergence_match *matches; /* the smallest combinations that give theirs, smallest first */
    size_t nmatches;
} gt_divergence_result;

/* Given only the hash another implementation computed for d (32 hex digits, either case,
 * an optional 0x, spaces around), finds which known divergences reproduce it. Tries, in
 * this order and stopping at the first size that matches: every entry that applies alone
 * (and each per_field entry on each field alone), every pair of applicable entries, then
 * whole client profiles (all of one client's applicable entries at once). That is at most
 * E + F + E(E-1)/2 + 2 candidate texts for E applicable entries and F fields (F at most
 * GT_DIVERGENCE_FIELDS_MAX), each built and hashed once: a bounded number of passes over
 * the challenge, quadratic only in the (small) number of entries.
 * On GT_OK *out is a new result (free it with gt_divergence_result_free): equal, or
 * matches (none when no known divergence explains it). Errors: GT_EVALUE when hash is not
 * 32 hex digits (offset: the first bad byte), the challenge's own error, GT_ENOMEM,
 * GT_EARG. */
int gt_divergence_search(const gt_deployment *d, const char *hash, size_t len, gt_divergence_result **out,
                         gt_error *err);

/* Releases a result. NULL is fine. */
void gt_divergence_result_free(gt_divergence_result *r);

/* ---- why a signature does not verify ----
 *
 * When a node refuses a signature ("failed to verify signature"), the verdict is final;
 * what the user needs is the mistake. gt_verify_explain tries what clients get wrong and
 * says which message the signature does cover: the 16 raw hash bytes, their 32 hex digits
 * as text, "<Bytes>" + hex + "</Bytes>" (polka-wallet), or the challenge text itself; with
 * the declared key type or the other one; with the twin's key or another requested twin's;
 * over the node's hash, then over the hashes of the challenge with the known divergences
 * applied (the candidates of gt_divergence_search). */

typedef enum gt_verify_finding {
    GT_FINDING_NONE = 0,       /* nothing tried verifies the signature */
    GT_FINDING_NOT_SIGNATURE,  /* the refusal is not a signature mismatch: nothing to try */
    GT_FINDING_OTHER_FORM,     /* it covers the node's hash in another form (message_form) */
    GT_FINDING_OTHER_STYLE,    /* it covers the message of the other signature_style */
    GT_FINDING_OTHER_KEY_TYPE, /* it verifies with the other key type (signature_type is wrong) */
    GT_FINDING_OTHER_TWIN_KEY, /* it verifies with another requested twin's key */
    GT_FINDING_DIVERGENT_HASH  /* it covers the hash of a divergent challenge (divergence) */
} gt_verify_finding;

/* What a signature may have been made over. */
typedef enum gt_message_form {
    GT_MESSAGE_RAW_HASH = 0, /* the 16 bytes of the MD5 hash (the default style) */
    GT_MESSAGE_WRAPPED_HASH, /* "<Bytes>" + 32 lower-case hex digits + "</Bytes>" (polka-wallet) */
    GT_MESSAGE_HEX_HASH,     /* the 32 hex digits alone, as text */
    GT_MESSAGE_CHALLENGE     /* the challenge text itself, unhashed */
} gt_message_form;

/* Stable names of the forms: "raw-hash", "wrapped-hash", "hex-hash", "challenge-text". */
const char *gt_message_form_name(gt_message_form f);

typedef struct gt_verify_explanation {
    gt_verify_finding finding;
    const char *code;          /* stable name of the finding: "none", "not-signature",
                                  "other-form", "other-style", "other-key-type",
                                  "other-twin-key", "divergent-hash" */
    char text[GT_COMPARE_CAUSE_TEXT_MAX]; /* the finding in words */
    uint32_t twin;             /* whose signature was refused */
    char checked_hash[33];     /* the hash the node checked (hex) */
    gt_message_form expected_form; /* what the node checked the signature against */
    /* When found (finding >= GT_FINDING_OTHER_FORM): what verifies. */
    gt_message_form form;      /* the message the signature covers */
    gt_key_type key_type;      /* the key type it verifies with */
    uint32_t key_twin;         /* whose key verifies it */
    char signed_hash[33];      /* the hash inside that message (hex; "" for the challenge text) */
    gt_divergence_match divergence; /* for GT_FINDING_DIVERGENT_HASH: the entries applied */
    size_t tried;              /* signature verifications tried */
} gt_verify_explanation;

/* Explains a refusal that gt_deployment_verify reported in `rep` (with the same getter and
 * ctx): when it is a bad signature, tries the variants above in that order and fills
 * *out with the first that verifies, or GT_FINDING_NONE; for other reasons
 * GT_FINDING_NOT_SIGNATURE. The verdict stays gt_deployment_verify's. At most
 * 4 forms x 2 key types x (1 + other twins) verifications over the node's hash, then
 * 4 x 2 per divergent hash with the twin's own key. GT_OK, GT_EARG, GT_ENOMEM, or the
 * challenge's own error. */
int gt_verify_explain(const gt_deployment *d, gt_key_getter getter, void *ctx, const gt_verify_report *rep,
                      gt_verify_explanation *out, gt_error *err);

/* ---- lint: what the node accepts but other clients will hash differently, and what it
 * refuses outside Valid() ----
 *
 * Codes (stable):
 *   not in the node's canonical form, so other clients hash it differently:
 *     "ip-not-canonical"     an IP or CIDR not written as Go prints it
 *     "hex-not-lower-case"   a hex byte field with upper-case letters
 *     "integer-above-2^53"   an integer a client reading doubles would round
 *     "key-case"             a key that matches its field only by case folding
 *     "duplicate-key"        a key given twice in one object (Go merges or replaces)
 *     "null-field"           a field that is null, where the node hashes its zero value
 *     "absent-field"         a field left out, where the node hashes its zero value
 *   refused by the node outside Deployment.Valid:
 *     "owner-not-requested"  the deployment's twin has no signature request (Verify)
 *     "weight-unreachable"   weight_required above the sum of the requests' weights (Verify)
 *     "reference-missing"    a VM names a network, disk or IP no workload has
 *     "reference-wrong-type" a VM names a workload of the wrong type
 *     "ip-outside-subnet"    a VM's interface IP outside its network's subnet */

typedef struct gt_lint_finding {
    const char *code;                    /* static, stable */
    char path[GT_ERROR_PATH_MAX];        /* JSON path of the value concerned */
    size_t offset;                       /* its byte offset in the parsed input, or GT_NO_OFFSET */
    char message[GT_COMPARE_CAUSE_TEXT_MAX]; /* what is wrong */
    char fix[GT_COMPARE_CAUSE_TEXT_MAX];     /* one line: how to write it instead */
} gt_lint_finding;

/* Findings kept at most: a document with more problems than that gets the first ones and
 * the count of the others. */
#define GT_LINT_FINDINGS_MAX 1000

typedef struct gt_lint_result {
    gt_lint_finding *findings; /* in document order of their checks */
    size_t n;
    size_t more;               /* findings beyond GT_LINT_FINDINGS_MAX, not kept */
} gt_lint_result;

/* Lints d (the text it was parsed from, when it was parsed; its encoding otherwise). On
 * GT_OK *out is a new result (free it with gt_lint_result_free), with no findings when
 * there is nothing to say. Errors: the challenge's own error (GT_EDATA, GT_EPANIC: a
 * workload's data does not load, which Valid reports), GT_ENOMEM, GT_EARG. */
int gt_lint(const gt_deployment *d, gt_lint_result **out, gt_error *err);

/* Releases a result. NULL is fine. */
void gt_lint_result_free(gt_lint_result *r);

/* The fix for the canonical-form findings: json.Marshal of d (gt_deployment_encode) with
 * each workload's data written from its decoded form rather than kept as the bytes given
 * (the node keeps data raw, so its own re-encoding leaves it as written). Keys, IPs, hex and
 * zero values come out in the node's forms; the challenge, and so the hash, is the same.
 * Data that does not load is kept as given. *out is malloc'd and NUL-terminated (free()
 * it), *len its length. Errors: GT_ENOMEM, GT_EARG. */
int gt_deployment_encode_canonical(const gt_deployment *d, char **out, size_t *len, gt_error *err);

#ifdef __cplusplus
}
#endif
#endif
