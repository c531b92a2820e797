/* The library version and the reference rules it implements (gridtypes/version.h).
 * Functions rather than only macros so that a program asks the library it actually
 * linked, not the header it was compiled with. */
#include "gridtypes/version.h"

const char *gt_version(void)
{
    return GT_VERSION_STRING;
}

const char *gt_reference_rules(void)
{
    return "zosbase pkg/gridtypes at commit 063d8956 (" GT_REFERENCE_DATE ")";
}

const char *gt_reference_commit(void)
{
    return GT_REFERENCE_COMMIT;
}
