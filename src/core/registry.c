/* The workload type registry (RegisterType / RegisterSharableType / IsSharable / Types). */
#include "core/deployment_impl.h"
#include "gridtypes/zos.h"

#include <pthread.h>
#include <string.h>

#define MAX_TYPES 64

static const gt_workload_type *types[MAX_TYPES];
static size_t name_lens[MAX_TYPES]; /* strlen(types[i]->name): most lookups miss on length */
static size_t ntypes;
static pthread_once_t builtins_once = PTHREAD_ONCE_INIT;

static const gt_workload_type *find(const char *name, size_t len)
{
    for (size_t i = 0; i < ntypes; i++) {
        const char *n = types[i]->name;
        if (name_lens[i] != len || (len && n[0] != name[0]))
            continue;
        if (len == 0 || memcmp(n, name, len) == 0)
            return types[i];
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
    name_lens[ntypes] = strlen(t->name);
    types[ntypes++] = t;
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
