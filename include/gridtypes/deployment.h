/* gridtypes/deployment.h — deployments and workloads: parse, hash, validate, encode,
 * query and upgrade, with the answers of the zos reference (gridtypes.Deployment).
 *
 * Ownership: gt_deployment_parse and gt_deployment_new return a deployment that owns
 * one arena; every string, slice and typed workload data reachable from it lives there
 * and is released by gt_deployment_free, all at once. Pointers the functions below hand
 * out are borrowed from the deployment and stay valid until it is freed.
 *
 * Threads: every function taking a `const gt_deployment *` may be called from several
 * threads at once on the same deployment (a parsed deployment is complete: reading it
 * writes nothing; data decoded on first use after an edit, and result data, are added
 * under a lock). Functions taking a `gt_deployment *` (parse's result being built,
 * edits, sign, upgrade's `next`, free) need the deployment to themselves: no other thread
 * may use it meanwhile. Distinct deployments are independent. Custom workload types must
 * be registered before other threads use the library (see workload_type.h). */
#ifndef GRIDTYPES_DEPLOYMENT_H
#define GRIDTYPES_DEPLOYMENT_H

#include "gridtypes/error.h"
#include "gridtypes/types.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Result states (gridtypes.ResultState). */
#define GT_STATE_INIT "init"
#define GT_STATE_UNCHANGED "unchanged"
#define GT_STATE_ERROR "error"
#define GT_STATE_OK "ok"
#define GT_STATE_DELETED "deleted"
#define GT_STATE_PAUSED "paused"

/* gridtypes.Result: what a node reports about a workload. */
typedef struct gt_result {
    int64_t created;   /* Unix seconds */
    gt_str state;      /* one of GT_STATE_*, or anything the sender wrote */
    gt_str message;    /* JSON "message" */
    gt_str data;       /* raw JSON; len 0 = nil */
} gt_result;

struct gt_workload_cache;

/* gridtypes.Workload. `data` is raw JSON, decoded into its type's struct on first use
 * (and cached) by gt_workload_data. */
typedef struct gt_workload {
    uint32_t version;
    gt_str name;
    gt_str type;
    gt_str data;
    gt_str metadata;
    gt_str description;
    gt_result result;
    struct gt_workload_cache *cache; /* internal: the decoded data */
} gt_workload;

typedef struct gt_signature_request {
    uint32_t twin_id;
    bool required;
    uint64_t weight;
} gt_signature_request;

typedef struct gt_signature {
    uint32_t twin_id;
    gt_str signature;      /* hex */
    gt_str signature_type; /* "ed25519" or "sr25519" */
} gt_signature;

typedef struct gt_signature_requirement {
    GT_SLICE(gt_signature_request) requests;
    uint64_t weight_required;
    GT_SLICE(gt_signature) signatures;
    gt_str signature_style; /* "" or "polka-wallet" */
} gt_signature_requirement;

/* gridtypes.Deployment. Fields may be read freely; to change strings or lists, use the
 * functions below so that new memory comes from the deployment's arena. */
typedef struct gt_deployment {
    uint32_t version;
    uint32_t twin_id;
    uint64_t contract_id;
    gt_str metadata;
    gt_str description;
    int64_t expiration;
    gt_signature_requirement signature_requirement;
    GT_SLICE(gt_workload) workloads;
} gt_deployment;

/* ---- life cycle ---- */

/* Default and hard limits on the input a parse accepts. */
#define GT_PARSE_MAX_INPUT_DEFAULT ((size_t)64 << 20) /* 64 MiB */
/* The ceiling no option can raise: element counts are 32-bit, and an input of at most
 * 1 GiB cannot hold 2^32 elements. */
#define GT_PARSE_MAX_INPUT_HARD ((size_t)1 << 30)

/* The default memory budget of a parse: GT_PARSE_MEMORY_FACTOR bytes per input byte, and
 * never less than GT_PARSE_MEMORY_MIN. Deployments as clients write them take about 2 bytes
 * per input byte (the copy of the input included), the densest valid ones (many one-line
 * workloads, no spaces) up to 11; the budget stops inputs built to cost much more than
 * their size (a workload written "{}" takes about 1,000 bytes). See docs/LIMITS.md. */
#define GT_PARSE_MEMORY_FACTOR 16
#define GT_PARSE_MEMORY_MIN ((size_t)1 << 20) /* 1 MiB */

typedef struct gt_parse_options {
    size_t max_input;  /* 0 = GT_PARSE_MAX_INPUT_DEFAULT; larger inputs: GT_ELIMIT;
                          values above GT_PARSE_MAX_INPUT_HARD count as that */
    size_t max_memory; /* the most memory the deployment may take while it is parsed: the
                          copy of the input, every decoded struct and string, the workloads'
                          typed data, and the parse's temporary indexes. 0 = the default
                          budget (above); SIZE_MAX = no budget. Past it: GT_ELIMIT. Memory
                          taken later (gt_workload_result_data, edits) is not counted. */
} gt_parse_options;

/* Decodes `len` bytes of JSON into a new deployment, exactly as the reference's
 * json.Unmarshal into gridtypes.Deployment does. Each workload's data is also decoded
 * into its type's struct here; like the reference, a workload whose data does not decode
 * does not fail the parse: its error is kept and surfaces from the challenge, validation
 * and capacity. On success *out owns a new deployment (free it with gt_deployment_free).
 * On failure *out is NULL and err says why: GT_ESYNTAX with a byte offset, GT_ETYPE or
 * GT_EVALUE with a JSON path, GT_ELIMIT (input larger than max_input, or more memory
 * needed than max_memory: the message names the budget, the offset says how far the
 * parse got), GT_ENOMEM. The input is copied; the caller keeps ownership of `json`. */
int gt_deployment_parse(const void *json, size_t len, gt_deployment **out, gt_error *err);

/* Same with options (opts may be NULL). */
int gt_deployment_parse_ex(const void *json, size_t len, const gt_parse_options *opts,
                           gt_deployment **out, gt_error *err);

/* A new empty deployment (all fields zero, no workloads) to fill in; NULL when out of
 * memory. Free it with gt_deployment_free. */
gt_deployment *gt_deployment_new(void);

/* Releases a deployment and everything reachable from it. NULL is fine. */
void gt_deployment_free(gt_deployment *d);

/* Copies `n` bytes into the deployment's arena and returns them as a gt_str (the
 * pointer is NULL only when memory ran out). Use it to set string fields. */
gt_str gt_deployment_strdup(gt_deployment *d, const char *s, size_t n);

/* Appends a workload (zeroed, then given name, type and raw JSON data, all copied) and
 * returns it, or NULL when out of memory. The pointer stays valid until the next
 * workload is added. */
gt_workload *gt_deployment_add_workload(gt_deployment *d, const char *name, const char *type,
                                        const char *data_json, size_t data_len);

/* Appends a signature request. Returns GT_OK or GT_ENOMEM. */
int gt_deployment_add_request(gt_deployment *d, uint32_t twin, bool required, uint64_t weight);

/* Replaces a workload's raw data (copied) and forgets its decoded form. */
int gt_workload_set_data(gt_deployment *d, gt_workload *wl, const char *data_json, size_t len);

/* ---- encoding ---- */

/* json.Marshal of the deployment: the exact bytes the reference would send. On success
 * *out is a malloc'd NUL-terminated buffer (free() it) of *len bytes. */
int gt_deployment_encode(const gt_deployment *d, char **out, size_t *len, gt_error *err);

/* ---- challenge and hash ---- */

/* Receives the challenge in pieces: `path` is the JSON path of the field a fragment
 * comes from ("workloads[2].data.network.interfaces[0].ip"), `bytes`/`len` the
 * fragment (possibly empty). Concatenated in call order, the fragments are the
 * challenge. Borrowed pointers: valid only during the call. */
typedef void (*gt_fragment_fn)(void *ctx, const char *path, const uint8_t *bytes, size_t len);

/* Writes the challenge (the text Deployment.Challenge produces) fragment by fragment.
 * Fails like the reference: GT_EDATA when a workload's data cannot be loaded into its
 * type or its type is unknown, GT_EPANIC where the reference panics (data `null`).
 * Fragments already delivered before an error are not taken back. */
int gt_deployment_challenge_map(const gt_deployment *d, gt_fragment_fn fn, void *ctx, gt_error *err);

/* The challenge as one malloc'd buffer (free() it); *len its length. */
int gt_deployment_challenge(const gt_deployment *d, char **out, size_t *len, gt_error *err);

#define GT_HASH_SIZE 16
#define GT_HASH_HEX_SIZE 33 /* 32 hex digits and a NUL */

/* ChallengeHash: the MD5 of the challenge, computed without building the text. */
int gt_deployment_challenge_hash(const gt_deployment *d, uint8_t out[GT_HASH_SIZE], gt_error *err);

/* The same, as 32 lowercase hex digits and a NUL (what a contract carries). */
int gt_deployment_challenge_hash_hex(const gt_deployment *d, char out[GT_HASH_HEX_SIZE], gt_error *err);

/* ---- validation and capacity ---- */

/* Deployment.Valid: GT_OK, or the first problem the reference reports (GT_EINVALID,
 * GT_EDATA, GT_EPANIC) with the JSON path of the workload or field at fault. */
int gt_deployment_valid(const gt_deployment *d, gt_error *err);

/* Workload.Capacity of workload `index`. */
int gt_workload_capacity(const gt_deployment *d, size_t index, gt_capacity *out, gt_error *err);

/* ---- queries (Get, GetType, ByType, GetShareables, IsActive, SetError) ---- */

/* Deployment.Get: the first workload called `name`. GT_EINVALID when the name is not a
 * valid workload name, GT_ENOTFOUND when none has it. *out is borrowed. */
int gt_deployment_get(const gt_deployment *d, const char *name, size_t len,
                      const gt_workload **out, gt_error *err);

/* Deployment.GetType: like Get, and GT_EINVALID when its type is not `type`. */
int gt_deployment_get_type(const gt_deployment *d, const char *name, size_t len,
                           const char *type, const gt_workload **out, gt_error *err);

/* Deployment.ByType: indexes of the workloads whose type is one of types[0..ntypes)
 * and whose name is valid, in order. Writes at most `cap` indexes to out and returns
 * how many match (which may exceed cap). */
size_t gt_deployment_by_type(const gt_deployment *d, const char *const *types, size_t ntypes,
                             size_t *out, size_t cap);

/* Deployment.GetShareables: like by_type for every sharable type. */
size_t gt_deployment_shareables(const gt_deployment *d, size_t *out, size_t cap);

/* Deployment.IsActive: some workload's state is neither deleted nor error. */
bool gt_deployment_is_active(const gt_deployment *d);

/* Deployment.SetError: every workload's result becomes state "error" with `message`. */
int gt_deployment_set_error(gt_deployment *d, const char *message);

/* Result.IsNil: no state, no creation time, data empty or `null`. */
bool gt_result_is_nil(const gt_result *r);

/* Workload.IsResult: a non-nil result in state `state`. */
bool gt_workload_is_result(const gt_workload *wl, const char *state);

/* Workload.WithResults: a copy of *wl with its result replaced (strings shared). */
gt_workload gt_workload_with_results(const gt_workload *wl, const gt_result *result);

/* Result.Bytes: state + message + data, the bytes a node signs. malloc'd, free() it. */
int gt_result_bytes(const gt_result *r, char **out, size_t *len);

/* ---- upgrade ---- */

typedef enum gt_op_kind { GT_OP_REMOVE = 0, GT_OP_ADD = 1, GT_OP_UPDATE = 2 } gt_op_kind;

/* JobOperation.String: "remove", "add", "update" ("unknown" otherwise). */
const char *gt_op_name(int op);

typedef struct gt_upgrade_op {
    gt_op_kind op;
    const gt_workload *workload; /* in the new deployment (add/update) or the old (remove) */
    char id[96];                 /* the workload id "twin-contract-name", "" when the name is invalid */
} gt_upgrade_op;

/* Deployment.Upgrade: checks `next` as the update of `cur` and lists what a node does:
 * adds and updates in the order of next's workloads, then removes (sorted by name here;
 * the reference emits them in random map order). Like the reference it copies the
 * results of kept workloads from `cur` into `next`. On success *ops is malloc'd (free()
 * it) with *nops entries. Errors: GT_EUPGRADE (versions, ids, types), or the validation
 * error of `next`. */
int gt_deployment_upgrade(const gt_deployment *cur, gt_deployment *next, gt_upgrade_op **ops,
                          size_t *nops, gt_error *err);

/* A kept workload whose change the reference ignores: it has the name and type of a
 * workload of `cur` but a version other than next's version, so the node leaves it
 * untouched even though its data, metadata or description changed. */
typedef struct gt_upgrade_warning {
    size_t index;             /* in next->workloads */
    const gt_workload *workload;
    uint32_t old_version;     /* of the workload in cur */
    uint32_t new_version;     /* of the workload in next */
    uint32_t deployment_version; /* next->version, what an update needs */
    bool data_changed;        /* compared as decoded data (falling back to compact JSON) */
    bool metadata_changed;
    bool description_changed;
    size_t old_index;         /* of the workload in cur->workloads (the last of its name) */
} gt_upgrade_warning;

/* Lists the silently ignored changes of an update (see gt_upgrade_warning), in the
 * order of next's workloads. Reads only; meaningful for an update the reference
 * accepts. *out is malloc'd (free() it, NULL when *n is 0). */
int gt_deployment_upgrade_warnings(const gt_deployment *cur, const gt_deployment *next,
                                   gt_upgrade_warning **out, size_t *n, gt_error *err);

#ifdef __cplusplus
}
#endif
#endif
