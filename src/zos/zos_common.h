/* Helpers shared by the zos workload type files: schema table macros and the pieces
 * several types reuse (mycelium, peers, machine parts). */
#ifndef GT_ZOS_COMMON_H
#define GT_ZOS_COMMON_H

#include "core/challenge.h"
#include "core/deployment_impl.h"
#include "core/gonet.h"
#include "gridtypes/zos.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define GT_F(s, field, key, type) GT_FIELD(s, field, key, type, 0)
#define GT_F_OMIT(s, field, key, type) GT_FIELD(s, field, key, type, GT_FIELD_OMITEMPTY)
#define GT_STRUCT_SCHEMA(var, ctype, goname, fields)                               \
    const gt_schema var = {GT_KIND_STRUCT, sizeof(ctype), goname, fields,          \
                           (uint32_t)(sizeof(fields) / sizeof(fields[0])), NULL}
#define GT_SLICE_SCHEMA(var, goname, elem) \
    const gt_schema var = {GT_KIND_SLICE, sizeof(gt_slice), goname, NULL, 0, &(elem)}
#define GT_PTR_SCHEMA(var, goname, elem) \
    const gt_schema var = {GT_KIND_PTR, sizeof(void *), goname, NULL, 0, &(elem)}

static inline bool gt_str_is(gt_str s, const char *c)
{
    size_t n = strlen(c);
    return s.len == n && (n == 0 || memcmp(s.ptr, c, n) == 0);
}

/* Shared schemas (defined in the files that own them). */
extern const gt_schema gt_schema_mycelium;      /* network.c */
extern const gt_schema gt_schema_peers;         /* network.c */
extern const gt_schema gt_schema_mycelium_ip_ptr; /* machine.c */
extern const gt_schema gt_schema_interfaces;    /* machine.c */
extern const gt_schema gt_schema_machine_capacity; /* machine.c */
extern const gt_schema gt_schema_mounts;        /* machine.c */
extern const gt_schema gt_schema_gpus;          /* machine.c */
extern const gt_schema gt_schema_strings;       /* machine.c: []string */

/* network.c */
void gt_zos_peers_challenge(gt_chal *c, const gt_peer *peers, uint32_t n);
void gt_zos_mycelium_challenge(gt_chal *c, const gt_mycelium *m);
int gt_zos_mycelium_valid(const gt_mycelium *m, gt_error *err);

/* machine.c: the parts zmachine and zmachine-light share. The tail challenge returns
 * GT_OK or GT_ENOMEM (sorting a large env needs memory); pass it on. */
int gt_zos_machine_tail_challenge(gt_chal *c, uint64_t size, const gt_machine_capacity *cap,
                                   const gt_machine_mount *mounts, uint32_t nmounts, gt_str entrypoint,
                                   const gt_map *env, const gt_str *gpus, uint32_t ngpus);
void gt_zos_interfaces_challenge(gt_chal *c, const gt_machine_interface *ifs, uint32_t n,
                                 const gt_mycelium_ip *myc);
uint64_t gt_zos_min_root_size(const gt_machine_capacity *cap);
int gt_zos_machine_capacity(const gt_machine_capacity *cap, uint64_t size, gt_capacity *out);
/* Checks 1-4 of ZMachine.Valid (interfaces count, IPs, cpu, memory, disk size). */
int gt_zos_machine_basic_valid(const gt_machine_interface *ifs, uint32_t nifs, const gt_machine_capacity *cap,
                               uint64_t size, gt_error *err);
/* The reserved network names and the mycelium seed length. */
int gt_zos_machine_network_valid(const gt_machine_interface *ifs, uint32_t nifs, const gt_mycelium_ip *myc,
                                 gt_error *err);

#endif
