/* explain.h — what `explain` says about one workload (explain_types.c fills it,
 * cmd_explain.c prints it as a tree or as JSON). */
#ifndef GRIDTYPES_CLI_EXPLAIN_H
#define GRIDTYPES_CLI_EXPLAIN_H

#include "cli.h"
#include "core/name_index.h"

#define EX_MAX_FIELDS 16
#define EX_MAX_REFS 48

typedef struct ex_field {
    const char *key;
    char value[256];
} ex_field;

/* A reference from this workload to another (or, for gateway backends, to outside). */
typedef struct ex_ref {
    const char *kind;   /* "network", "mount", "public ip", "zmachine", "backend" */
    char target[128];   /* the name (or URL) referred to */
    char detail[160];   /* "ip 10.1.2.3", "at /data" */
    bool external;      /* not a workload (a backend URL) */
    size_t index;       /* the workload found, SIZE_MAX when none */
    bool type_ok;       /* the workload found has one of the expected types */
    char want[96];      /* the expected types, in words ("network or network-light") */
    const char *const *want_list; /* the same, NULL-terminated */
    bool may_be_elsewhere; /* sharable: may live in another deployment of the twin */
} ex_ref;

typedef struct ex_workload {
    ex_field fields[EX_MAX_FIELDS];
    size_t nfields;
    ex_ref refs[EX_MAX_REFS];
    size_t nrefs;
    bool refs_cut;  /* more references than EX_MAX_REFS */
    bool data_ok;   /* the data decoded */
    gt_error data_err;
    const gt_name_index *names; /* resolves references */
} ex_workload;

/* Describes workload i of d: key fields of its type and what it refers to (resolved
 * through `names`, an index of d's workloads). */
void ex_describe(const gt_deployment *d, const gt_name_index *names, size_t i, ex_workload *out);

#endif
