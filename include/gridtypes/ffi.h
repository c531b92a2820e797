/* gridtypes/ffi.h — one flat surface of the library for other languages.
 *
 * The rest of the API (gridtypes.h) is made for C: structs with pointers into an arena,
 * callbacks with a void *ctx, size_t everywhere. This header is made for foreign function
 * interfaces (Python's ctypes, WebAssembly called from JavaScript, any other binding):
 *
 *   - Plain types only: fixed-width integers, byte pointers with lengths, NUL-terminated
 *     texts, and two opaque handles (gt_deployment, gt_ffi_keys). No struct is passed by
 *     value and none but gt_ffi_error is read field by field by the caller.
 *   - No callbacks: the key getter of verification is a table (gt_ffi_keys_*).
 *   - No global state: every function is thread-safe as long as one handle is used by one
 *     thread at a time (distinct deployments and key tables are independent).
 *   - Errors go into a caller-owned gt_ffi_error (may be NULL) whose layout is the same on
 *     wasm32 and x86_64. Every function returning int32_t returns GT_OK (0) or one of the
 *     negative GT_E* codes of gridtypes/error.h, and on success leaves *err with code 0,
 *     offset -1 and empty texts.
 *   - Variable-length outputs are malloc'd buffers handed over with their length; the
 *     caller releases each with gt_ffi_free. On failure such outputs are set to NULL / 0.
 *     Inputs are borrowed for the duration of the call only (the library copies what it
 *     keeps). Bindings that must place inputs in the library's heap (WebAssembly) use
 *     gt_ffi_alloc / gt_ffi_free.
 *   - 64-bit values are uint64_t (a JavaScript BigInt, a Python int). On wasm32, size_t and
 *     pointers are 32-bit: read `size_t *` and `T **` outputs as 32-bit words there. A wasm
 *     build that lets JavaScript pass the few uint64_t parameters (max_input, contract ids)
 *     directly needs BigInt integration (emscripten's -sWASM_BIGINT).
 *
 * Inside JSON outputs (annotate, verify, upgrade), strings are JSON strings written as Go
 * writes them (invalid UTF-8 as U+FFFD) and every 64-bit quantity is a decimal string, so
 * that readers whose numbers are doubles (JavaScript's JSON.parse) cannot round them;
 * 32-bit quantities (twin ids, versions, indexes, offsets) are plain JSON numbers.
 *
 * Typical use (C shown; a binding does the same through its FFI):
 *
 *   gt_ffi_error err;
 *   gt_deployment *d;
 *   char hash[33];
 *   if (gt_ffi_parse(json, len, 0, &d, &err) == GT_OK) {
 *       if (gt_ffi_hash_hex(d, hash, &err) == GT_OK) puts(hash);
 *       gt_ffi_deployment_free(d);
 *   }
 *   if (err.code) fprintf(stderr, "%s at %s\n", err.message, err.path);
 */
#ifndef GRIDTYPES_FFI_H
#define GRIDTYPES_FFI_H

#include <stddef.h>
#include <stdint.h>

#include "gridtypes/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gt_deployment gt_deployment;

/* Bumped whenever a function's signature or meaning, or gt_ffi_error's layout, changes in
 * a way an existing binding would misread. Bindings check it when they load the library. */
#define GT_FFI_ABI_VERSION 1

#define GT_FFI_PATH_MAX 256
#define GT_FFI_MESSAGE_MAX 512

/* An error, filled by any function that receives a non-NULL one. 784 bytes, 8-aligned,
 * with the same offsets on every target: code at 0, offset at 8, path at 16, message at
 * 272. Texts are NUL-terminated UTF-8 (bytes of the input they quote may not be) and are
 * shortened, when too long, at a character boundary. */
typedef struct gt_ffi_error {
    int32_t code;     /* GT_OK or a GT_E* code (gridtypes/error.h) */
    int32_t reserved; /* 0 */
    int64_t offset;   /* byte offset in the input the call read, -1 when none */
    char path[GT_FFI_PATH_MAX];       /* JSON path of the field at fault, "" when none */
    char message[GT_FFI_MESSAGE_MAX]; /* what went wrong, in words */
} gt_ffi_error;

/* ---- the library and its ABI ------------------------------------------------------- */

/* GT_FFI_ABI_VERSION of the library loaded. */
uint32_t gt_ffi_abi_version(void);

/* sizeof(gt_ffi_error) of the library loaded (784), for bindings to check their layout. */
uint32_t gt_ffi_error_size(void);

/* The library's version ("0.1.0") and the reference rules it implements ("zosbase
 * pkg/gridtypes at commit 063d8956 (2026-03-30)"). Static strings: never freed. */
const char *gt_ffi_version(void);
const char *gt_ffi_reference_rules(void);

/* A short constant name of a status code: "ok", "syntax", "type", "value", "data",
 * "invalid", "not-found", "upgrade", "panic", "limit", "verify", "key", "memory",
 * "argument", "io", "unknown". Static, never NULL. */
const char *gt_ffi_status_name(int32_t code);

/* malloc(size) in the library's heap (size 0 gives a valid unique pointer or NULL);
 * NULL when out of memory. Release with gt_ffi_free. */
void *gt_ffi_alloc(size_t size);

/* Releases anything gt_ffi_alloc or a gt_ffi_* output buffer gave. NULL is fine. */
void gt_ffi_free(void *p);

/* ---- deployments -------------------------------------------------------------------- */

/* Decodes json[0..len) into a new deployment as the reference's json.Unmarshal does (see
 * gt_deployment_parse). max_input: the largest input accepted in bytes; 0 means the
 * default (64 MiB), values above 1 GiB count as 1 GiB. On success *out owns a new
 * deployment for gt_ffi_deployment_free. On failure *out is NULL and err says why:
 * GT_ESYNTAX (offset), GT_ETYPE / GT_EVALUE (path and offset), GT_ELIMIT, GT_ENOMEM,
 * GT_EARG (NULL json with len > 0, NULL out). The input is copied. */
int32_t gt_ffi_parse(const uint8_t *json, size_t len, uint64_t max_input, gt_deployment **out,
                     gt_ffi_error *err);

/* gt_ffi_parse with a memory budget as well: max_memory is the most memory the deployment
 * may take while it is parsed (gt_parse_options.max_memory): 0 means the default (16 bytes
 * per input byte, at least 1 MiB), UINT64_MAX no budget. Past it: GT_ELIMIT, whose message
 * names the budget and whose offset says how far the parse got. */
int32_t gt_ffi_parse_ex(const uint8_t *json, size_t len, uint64_t max_input, uint64_t max_memory,
                        gt_deployment **out, gt_ffi_error *err);

/* Releases a deployment and everything it owns. NULL is fine. */
void gt_ffi_deployment_free(gt_deployment *d);

/* The challenge hash (MD5 of the challenge): 16 bytes into out, or 32 lower-case hex
 * digits and a NUL into out (33 bytes). Errors as the reference: GT_EDATA (a workload's
 * data cannot be loaded, its type is unknown; path names the workload), GT_EPANIC (data
 * `null`: the reference panics). out is left unchanged on failure. */
int32_t gt_ffi_hash(const gt_deployment *d, uint8_t out[16], gt_ffi_error *err);
int32_t gt_ffi_hash_hex(const gt_deployment *d, char out[33], gt_ffi_error *err);

/* gt_ffi_parse, gt_ffi_hash_hex and gt_ffi_deployment_free in one call: the hash a
 * contract must carry for the deployment json[0..len), as 32 hex digits and a NUL into out.
 * One crossing of the FFI instead of three, for bindings whose calls cost more than the
 * work (ctypes). Fails with the parse's errors, then the hash's. */
int32_t gt_ffi_hash_json(const uint8_t *json, size_t len, uint64_t max_input, char out[33], gt_ffi_error *err);

/* The challenge text itself (the bytes that are hashed) as a new buffer *out of *len
 * bytes (free it with gt_ffi_free; it is also NUL-terminated). Errors as gt_ffi_hash. */
int32_t gt_ffi_challenge(const gt_deployment *d, uint8_t **out, size_t *len, gt_ffi_error *err);

/* The challenge fragment by fragment, as a JSON array (UTF-8, in *json of *len bytes,
 * NUL-terminated, free it with gt_ffi_free):
 *   [{"path":"workloads[0].name","offset":123,"text":"vm1","hex":"766d31"}, ...]
 * path: the JSON path of the field the fragment comes from; offset: its first byte in the
 * challenge; text: the fragment as a JSON string (bytes that are not UTF-8 become U+FFFD);
 * hex: its exact bytes. The fragments joined are the challenge. Errors as gt_ffi_hash
 * (nothing is returned then). */
int32_t gt_ffi_annotate(const gt_deployment *d, char **json, size_t *len, gt_ffi_error *err);

/* Deployment.Valid: GT_OK, or the first problem the reference reports (GT_EINVALID,
 * GT_EDATA, GT_EPANIC) with its message, the JSON path of the workload or field at fault
 * and, where known, the byte offset in the parsed input. */
int32_t gt_ffi_valid(const gt_deployment *d, gt_ffi_error *err);

/* json.Marshal of the deployment: the exact bytes the reference would send, in a new
 * buffer (*out, *len; NUL-terminated; gt_ffi_free). GT_ENOMEM is the only failure. */
int32_t gt_ffi_encode(const gt_deployment *d, uint8_t **out, size_t *len, gt_ffi_error *err);

/* ---- workloads ---------------------------------------------------------------------- */

/* The number of workloads (0 for NULL). */
uint32_t gt_ffi_workload_count(const gt_deployment *d);

/* Workload `index`'s name, type, or raw JSON data ("" when absent), borrowed from the
 * deployment: *ptr stays valid until the deployment is freed or changed (signing adds to
 * it but leaves workloads alone) and is not NUL-terminated; *len is its length. Bytes are
 * those decoded (a name may hold U+FFFD where the input had invalid UTF-8). GT_ENOTFOUND
 * when index >= count. */
int32_t gt_ffi_workload_name(const gt_deployment *d, uint32_t index, const uint8_t **ptr, size_t *len,
                             gt_ffi_error *err);
int32_t gt_ffi_workload_type(const gt_deployment *d, uint32_t index, const uint8_t **ptr, size_t *len,
                             gt_ffi_error *err);
int32_t gt_ffi_workload_data(const gt_deployment *d, uint32_t index, const uint8_t **ptr, size_t *len,
                             gt_ffi_error *err);

/* The workload's version (0 when index is out of range: check the count). */
uint32_t gt_ffi_workload_version(const gt_deployment *d, uint32_t index);

/* The deployment's own fields, into out[5]: version, twin_id, contract_id, expiration
 * (an int64 as its two's complement), weight_required. GT_EARG for NULL. */
int32_t gt_ffi_deployment_fields(const gt_deployment *d, uint64_t out[5], gt_ffi_error *err);

/* Workload.Capacity of workload `index` into out[5] = {cru, sru, hru, mru, ipv4u} (cores,
 * then bytes of SSD, HDD and memory, then public IPv4 addresses). Errors: GT_ENOTFOUND for
 * an index out of range, GT_EDATA / GT_EPANIC as the reference when the data cannot be
 * loaded. out is zeroed on failure. */
int32_t gt_ffi_capacity(const gt_deployment *d, uint32_t index, uint64_t out[5], gt_ffi_error *err);

/* The sum of every workload's capacity with Go's wrapping uint64 arithmetic, into out[5].
 * Fails with the first workload's error when one cannot say its capacity (out zeroed). */
int32_t gt_ffi_capacity_total(const gt_deployment *d, uint64_t out[5], gt_ffi_error *err);

/* ---- keys and signatures ------------------------------------------------------------ */

/* Key types, as gt_key_type. */
#define GT_FFI_KEY_ED25519 0
#define GT_FFI_KEY_SR25519 1

typedef struct gt_ffi_keys gt_ffi_keys;

/* A new empty table of twins' public keys (the answers of the chain that a node's key
 * getter gives), or NULL when out of memory. Free it with gt_ffi_keys_free. */
gt_ffi_keys *gt_ffi_keys_new(void);

/* Releases a table. NULL is fine. */
void gt_ffi_keys_free(gt_ffi_keys *t);

/* Sets twin's public key from text[0..len): hex, 0x hex or an SS58 address (see
 * gt_public_key_from_text). A twin added again gets the new key. Errors: GT_EKEY (text
 * unreadable; offset in text), GT_ELIMIT (more than 256 bytes), GT_ENOMEM, GT_EARG. The
 * table is unchanged on failure. */
int32_t gt_ffi_keys_add(gt_ffi_keys *t, uint32_t twin, const char *text, size_t len, gt_ffi_error *err);

/* Sets twin's public key to the raw bytes key[0..len) (any length up to 256, as the chain
 * may store anything; the verifier judges it). Errors: GT_ELIMIT, GT_ENOMEM, GT_EARG. */
int32_t gt_ffi_keys_add_raw(gt_ffi_keys *t, uint32_t twin, const uint8_t *key, size_t len,
                            gt_ffi_error *err);

/* The number of twins in the table (0 for NULL). */
uint32_t gt_ffi_keys_count(const gt_ffi_keys *t);

/* Deployment.Verify with the keys of table t (NULL is an empty table): a twin missing
 * from it makes the lookup fail with "key not found", the text the reference's getter
 * gives. Returns GT_OK when the signatures are accepted, else what gt_deployment_verify
 * returns (GT_EVERIFY, GT_EPANIC, GT_EDATA when the hash cannot be computed, ...) with
 * err set. When report_json is not NULL it receives, in every case where the verifier
 * ran (so for GT_OK too), a new JSON object (*report_len bytes, NUL-terminated,
 * gt_ffi_free):
 *   {"ok":false,"reason":"weight","twin":7,"key_type":"sr25519",
 *    "weight_reached":"1","weight_required":"2","message":"required signature weight ..."}
 * reason is one of "ok", "hash" (the challenge failed), "missing_required",
 * "key_not_found", "bad_hex", "bad_signature", "key_panic" (an ed25519 key that is not 32
 * bytes: the reference panics), "no_originator", "weight"; twin is the twin concerned
 * (0 when none); key_type the key type used for it; the weights are decimal strings (only
 * meaningful for "weight", "0" otherwise); message is err's message ("" when ok). On
 * GT_EARG and GT_ENOMEM no report is made (*report_json NULL).
 * For "bad_signature" the report also has the library's explanation of the signing mistake
 * (gt_verify_explain; the verdict is unchanged):
 *   "explanation":{"code":"other-form","text":"...","checked_hash":"61a8...",
 *     "expected_message":"raw-hash","tried":3,"message":"hex-hash","key_type":"sr25519",
 *     "key_twin":7,"signed_hash":"61a8...","divergences":[],"field":null}
 * code: "none" (nothing tried verifies), "other-form", "other-style", "other-key-type",
 * "other-twin-key", "divergent-hash"; the members after "tried" only when found: the
 * message the signature covers ("raw-hash", "wrapped-hash", "hex-hash",
 * "challenge-text"), the key type and twin whose key verifies it, the hash inside the
 * message ("" for the challenge text) and, for "divergent-hash", the catalogue entries
 * that give that hash. */
int32_t gt_ffi_verify(const gt_deployment *d, const gt_ffi_keys *t, char **report_json, size_t *report_len,
                      gt_ffi_error *err);

/* Signs d for `twin` with the key derived from the secret URI secret[0..len) (a BIP39
 * mnemonic, a 32-byte hex seed, "//Alice"..., see gt_keypair_from_secret) of key_type
 * GT_FFI_KEY_*. When style is not NULL, the deployment's signature_style is first set to
 * that NUL-terminated text ("" or "polka-wallet"), so the signature covers the message
 * Verify will check; NULL keeps it. Then gt_deployment_sign: the twin's existing signature
 * is replaced (keeping its signature_type, as the reference), or one is appended. The key
 * pair is wiped before returning; the caller wipes its own copy of the secret. Errors:
 * GT_EKEY (the URI, without quoting it), GT_EARG (unknown key type), GT_EDATA /
 * GT_EPANIC (the hash cannot be computed), GT_ENOMEM. On failure the deployment is
 * unchanged except for a style already set. */
int32_t gt_ffi_sign(gt_deployment *d, const uint8_t *secret, size_t len, int32_t key_type, uint32_t twin,
                    const char *style, gt_ffi_error *err);

/* The public key of the secret URI secret[0..len) for key_type: 32 bytes into pub and its
 * SS58 address (generic substrate prefix 42, NUL-terminated) into ss58 (64 bytes; NULL
 * to skip). Secrets are wiped. Errors as gt_ffi_sign's key derivation. */
int32_t gt_ffi_key(const uint8_t *secret, size_t len, int32_t key_type, uint8_t pub[32], char ss58[64],
                   gt_ffi_error *err);

/* ---- upgrades ----------------------------------------------------------------------- */

/* Deployment.Upgrade(cur -> next): on success a new JSON object (*json, *len,
 * NUL-terminated, gt_ffi_free):
 *   {"ops":[{"op":"add","name":"vm1","id":"7-12-vm1","index":2}, ...],
 *    "warnings":[{"index":1,"name":"disk","old_version":0,"new_version":0,
 *                 "deployment_version":1,"data_changed":true,
 *                 "metadata_changed":false,"description_changed":false}, ...]}
 * ops: adds and updates in next's workload order, then removes sorted by name (the
 * reference's order for those is random); index is the workload's index in next (add,
 * update) or in cur (remove); id is "" when the name is not a valid name. warnings:
 * changes the reference silently ignores because the workload's version was not bumped
 * (see gt_upgrade_warning). Like the reference, a successful upgrade copies the results
 * of kept workloads from cur into next: `next` is changed (encode it to see). Errors:
 * GT_EUPGRADE (versions, ids, types), the validation error of next, GT_ENOMEM. */
int32_t gt_ffi_upgrade(const gt_deployment *cur, gt_deployment *next, char **json, size_t *len,
                       gt_ffi_error *err);

/* ---- ids ---------------------------------------------------------------------------- */

/* NewWorkloadID: "<twin>-<contract>-<name>" into out (NUL-terminated, 96 bytes suffice for
 * every valid name). GT_EINVALID with the reference's reason when the name is not valid. */
int32_t gt_ffi_workload_id(uint32_t twin, uint64_t contract, const uint8_t *name, size_t len, char out[96],
                           gt_ffi_error *err);

/* WorkloadID.Unique(input) of the id text id[0..id_len) (any text: the reference does not
 * check it): 13 base58 characters and a NUL into out. GT_EARG for NULL pointers. */
int32_t gt_ffi_workload_unique(const uint8_t *id, size_t id_len, const uint8_t *input, size_t input_len,
                               char out[14], gt_ffi_error *err);

/* zos.NetworkID(twin, name): 13 base58 characters and a NUL into out. */
int32_t gt_ffi_network_id(uint32_t twin, const uint8_t *name, size_t len, char out[14], gt_ffi_error *err);

/* ---- diagnosis ----------------------------------------------------------------------
 * The diagnosis engines of gridtypes/diagnose.h: why another client's answer differs from
 * the node's. Their results are explanations, never verdicts. JSON outputs as above. */

/* Flags of gt_ffi_compare (the values of GT_COMPARE_HEX and GT_COMPARE_ALL). */
#define GT_FFI_COMPARE_HEX 1u /* theirs is the challenge in hex (0x, spaces, either case) */
#define GT_FFI_COMPARE_ALL 2u /* every difference, not only the first */

/* Compares theirs[0..len), another client's challenge for the same deployment, with the
 * challenge of d (gt_challenge_compare of gridtypes/diagnose.h; a hash or a deployment's
 * JSON given instead is recognised) and explains where and why they differ. On GT_OK,
 * *json (NUL-terminated, *json_len bytes, gt_ffi_free) is
 *   {"equal":false,"ours_length":698,"theirs_length":705,
 *    "theirs_kind":"challenge","ours_hash":"61a8...","theirs_hash":"","truncated":false,
 *    "differences":[{"ours_offset":426,"theirs_offset":426,
 *                    "path":"workloads[3].data.network.interfaces[0].ip",
 *                    "fragment_offset":426,"fragment":"10.20.2.5","fragment_length":9,
 *                    "ours_length":0,"theirs_length":7,"ours_text":"","theirs_text":"::ffff:",
 *                    "ours_hex":"","theirs_hex":"3a3a666666663a",
 *                    "causes":[{"code":"ip-unnormalised","text":"..."}]}]}
 * whether or not the texts are equal (equal: differences is []). theirs_kind: "challenge",
 * "hash" (then theirs_hash is set, equal compares the hashes and there are no
 * differences) or "deployment" (its challenge was compared). In each difference our bytes
 * [ours_offset, +ours_length) stand where theirs has [theirs_offset, +theirs_length);
 * path, fragment_offset, fragment (its text) and fragment_length are those of our fragment
 * the difference belongs to (null, and length 0, when there is none: bytes after our last
 * one). Cause codes are those of gt_compare_cause. Without GT_FFI_COMPARE_ALL only the
 * first difference is listed; truncated: the list stopped at GT_COMPARE_DIFFS_MAX.
 * Errors: GT_EARG (NULL, unknown flags), GT_EVALUE (GT_FFI_COMPARE_HEX and theirs is not
 * hex; offset in theirs), the challenge's own error (GT_EDATA, GT_EPANIC), GT_ENOMEM. */
int32_t gt_ffi_compare(const gt_deployment *d, const uint8_t *theirs, size_t len, uint32_t flags, char **json,
                       size_t *json_len, gt_ffi_error *err);

/* The catalogue of known divergences (docs/DIVERGENCES.md) as a JSON array:
 *   [{"name":"nl-port-undefined","kind":"client","rule":"...","versions":"...",
 *     "per_field":false}, ...]
 * kind: "client", "node-rules" or "slip". GT_EARG, GT_ENOMEM. */
int32_t gt_ffi_divergences(char **json, size_t *len, gt_ffi_error *err);

/* Given only the hash another implementation computed for d (hash[0..hash_len): 32 hex
 * digits, either case, an optional 0x), which known divergences give it (see
 * gt_divergence_search and its bound), as a JSON object:
 *   {"equal":false,"ours":"61a8...","theirs":"42ee...","applicable":7,"tried":43,
 *    "matches":[{"divergences":[{"name":...,"kind":...,"rule":...,"versions":...,
 *                "per_field":false}],"field":null}]}
 * matches: the smallest combinations found, each with its entries and, for a per_field
 * entry tried on one field, that field's path (else null); empty when none or when equal.
 * Errors: GT_EVALUE (not a hash; offset of the first bad byte), GT_EDATA / GT_EPANIC (our
 * challenge fails), GT_EARG, GT_ENOMEM. */
int32_t gt_ffi_expect(const gt_deployment *d, const char *hash, size_t hash_len, char **json, size_t *json_len,
                      gt_ffi_error *err);

/* Lints d (gt_lint): what the node accepts but other clients will hash differently, and
 * what it refuses outside Valid, as a JSON object:
 *   {"findings":[{"code":"ip-not-canonical","path":"workloads[3].data.network.interfaces[0].ip",
 *                 "offset":1744,"message":"...","fix":"write \"10.20.2.5\""}],"more":0}
 * codes as gt_lint_finding documents; offset: the byte offset of the value in the parsed
 * input (null when unknown); findings is [] when there is nothing to say; more: findings
 * beyond the first GT_LINT_FINDINGS_MAX (1000), counted but not listed. Errors: GT_EDATA /
 * GT_EPANIC (a workload's data does not load), GT_EARG, GT_ENOMEM. */
int32_t gt_ffi_lint(const gt_deployment *d, char **json, size_t *json_len, gt_ffi_error *err);

/* json.Marshal of d with each workload's data written from its decoded form
 * (gt_deployment_encode_canonical, `gridtypes fmt --canonical`): keys, IPs, hex and zero
 * values in the node's forms, the same hash. A new buffer (*out, *len; NUL-terminated;
 * gt_ffi_free). GT_ENOMEM, GT_EARG. */
int32_t gt_ffi_encode_canonical(const gt_deployment *d, uint8_t **out, size_t *len, gt_ffi_error *err);

/* A locator: JSON paths (as error paths write them) and byte offsets of one document
 * turned into positions (gridtypes/locate.h). It keeps its own copy of the document, so
 * the input need only live for the call. Any number of questions cost one pass over the
 * document in total. A locator is used by one thread at a time. */
typedef struct gt_ffi_locator gt_ffi_locator;

/* A new locator over json[0..len) (which need not be valid JSON: it points as far as it
 * can). Errors: GT_EARG, GT_ELIMIT (len >= 4 GiB), GT_ENOMEM; *out is NULL then. */
int32_t gt_ffi_locator_new(const uint8_t *json, size_t len, gt_ffi_locator **out, gt_ffi_error *err);

/* Releases a locator. NULL is fine. */
void gt_ffi_locator_free(gt_ffi_locator *l);

/* Where the value at path[0..len) starts: out[4] = {byte offset, line (from 1), column
 * (from 1, in bytes), bytes of path matched}. GT_OK when the whole path exists;
 * GT_ENOTFOUND when only a prefix of it does, with out pointing at that prefix's value
 * (out[3] its length in path), or at nothing when the document holds no value (out all
 * 0). GT_EARG, GT_ENOMEM. */
int32_t gt_ffi_locator_path(gt_ffi_locator *l, const char *path, size_t len, uint64_t out[4],
                            gt_ffi_error *err);

/* The line and column of byte `offset` (0 to the document's length): out[4] = {offset,
 * line, column, 0}. GT_EARG when offset is past the end. */
int32_t gt_ffi_locator_position(gt_ffi_locator *l, uint64_t offset, uint64_t out[4], gt_ffi_error *err);

#ifdef __cplusplus
}
#endif
#endif
