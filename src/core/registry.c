/* The workload type registry (RegisterType / RegisterSharableType / IsSharable / Types). */
#include "core/deployment_impl.h"
#include "gridtypes/zos.h"

#include <pthread.h>
#include <string.h>

#define MAX_TYPES GT_MAX_TYPES
#define SLOTS 128 /* a power of two, at least twice MAX_TYPES: a lookup probes at most
                     MAX_TYPES slots whatever the name (the table holds registered names,
                     not input), so its unkeyed hash cannot be flooded */

static const gt_workload_type *types[MAX_TYPES];
static size_t name_lens[MAX_TYPES]; /* strlen(types[i]->name) */
static size_t ntypes;
/* An open-addressing index over types[] (slot: index + 1, 0 empty): a lookup, done for
 * every workload parsed, costs one probe instead of a walk over all the names. */
static uint8_t slots[SLOTS];
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static size_t slot_of(const char *name, size_t len)
{
    size_t h = len * 31;
    if (len)
        h += (uint8_t)name[0] * 7u + (uint8_t)name[len - 1] * 3u + (uint8_t)name[len / 2];
    return h & (SLOTS - 1);
}

static const gt_workload_type *find(const char *name, size_t len)
{
    for (size_t i = slot_of(name, len); slots[i]; i = (i + 1) & (SLOTS - 1)) {
        size_t k = slots[i] - 1u;
        /* names may hold any byte (a JSON string can), so lengths are compared first */
        if (name_lens[k] == len && memcmp(types[k]->name, name, len) == 0)
            return types[k];
    }
    return NULL;
}

static int add(const gt_workload_type *t)
{
    if (!t || !t->name || !t->schema || !t->challenge || !t->validate || !t->capacity)
        return GT_EARG;
    if (find(t->name, strlen(t->name)))
        return GT_EARG; /* the reference panics: "type already registered" */
    if (ntypes == MAX_TYPES)
        return GT_ELIMIT;
    size_t len = strlen(t->name), i = slot_of(t->name, len);
    while (slots[i])
        i = (i + 1) & (SLOTS - 1);
    name_lens[ntypes] = len;
    types[ntypes++] = t;
    slots[i] = (uint8_t)ntypes;
    return GT_OK;
}

static void register_builtins(void)
{
    static const gt_workload_type *const builtin[] = {
        &gt_type_zmachine_light, &gt_type_network_light, &gt_type_zmachine, &gt_type_network,
        &gt_type_zmount, &gt_type_volume, &gt_type_zdb, &gt_type_ipv4, &gt_type_ip,
        &gt_type_gateway_name, &gt_type_gateway_fqdn, &gt_type_qsfs, &gt_type_zlogs,
    };
    for (size_t i = 0; i < sizeof builtin / sizeof builtin[0]; i++)
        add(builtin[i]);
}

/* The built-in types are registered once, whichever thread gets here first. */
void gt_registry_init(void)
{
    pthread_once(&builtins_once, register_builtins);
}

int gt_register_type(const gt_workload_type *t)
{
    gt_registry_init();
    return add(t);
}

const gt_workload_type *gt_type_lookup(const char *name, size_t len)
{
    gt_registry_init();
    return find(name, len);
}

bool gt_type_is_sharable(const char *name, size_t len)
{
    const gt_workload_type *t = gt_type_lookup(name, len);
    return t && t->sharable;
}

size_t gt_types(const gt_workload_type **out, size_t cap)
{
    gt_registry_init();
    for (size_t i = 0; i < ntypes && i < cap; i++)
        out[i] = types[i];
    return ntypes;
}
