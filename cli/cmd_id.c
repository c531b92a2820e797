/* gridtypes id TWIN CONTRACT NAME and gridtypes netid TWIN NAME: the ids a node derives,
 * for looking workloads up on a node or matching its logs. */
#include "cli.h"

#include <string.h>

static const char id_usage[] =
    "usage: gridtypes id [--json] TWIN CONTRACT NAME\n"
    "\n"
    "Prints the workload id \"TWIN-CONTRACT-NAME\" (NewWorkloadID) and its path form.\n"
    "Exit status: 0 ok, 1 the name is not a valid workload name, 2 usage error.\n";

static const char netid_usage[] =
    "usage: gridtypes netid [--json] TWIN NAME\n"
    "\n"
    "Prints the zos network id of network NAME of twin TWIN (zos.NetworkID: base58 of\n"
    "MD5(\"TWIN:NAME\"), cut to 13 characters), the name of the network on the node.\n"
    "Exit status: 0 ok, 2 usage error.\n";

int cmd_id(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "id", .usage = id_usage};
    const char *pos[3];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, NULL, pos, 3, 3, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    uint64_t twin, contract;
    if (!cli_parse_u64(pos[0], UINT32_MAX, &twin))
        return cli_usage_error(&ctx, "TWIN must be a twin id (0 to 4294967295), not '%s'", pos[0]);
    if (!cli_parse_u64(pos[1], UINT64_MAX, &contract))
        return cli_usage_error(&ctx, "CONTRACT must be a contract id (a uint64), not '%s'", pos[1]);
    char id[GT_WORKLOAD_ID_MAX], path[GT_WORKLOAD_ID_MAX];
    gt_error e;
    if (gt_workload_id((uint32_t)twin, contract, pos[2], strlen(pos[2]), id, sizeof id, &e) != GT_OK)
        return cli_refuse(&ctx, NULL, "invalid name", &e);
    if (gt_id_to_path(id, strlen(id), path, sizeof path, NULL) != GT_OK)
        path[0] = '\0';
    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_key(&w, "id");
        jw_str(&w, id);
        jw_key(&w, "path");
        jw_str(&w, path);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        printf("%s\n", id);
    }
    return CLI_OK;
}

int cmd_netid(int argc, char **argv)
{
    cli_ctx ctx = {.cmd = "netid", .usage = netid_usage};
    const char *pos[2];
    size_t npos;
    int rc = cli_args(&ctx, argc, argv, NULL, pos, 2, 2, &npos);
    if (rc)
        return rc == CLI_DONE ? CLI_OK : rc;
    uint64_t twin;
    if (!cli_parse_u64(pos[0], UINT32_MAX, &twin))
        return cli_usage_error(&ctx, "TWIN must be a twin id (0 to 4294967295), not '%s'", pos[0]);
    char nid[GT_UNIQUE_SIZE];
    gt_network_id((uint32_t)twin, pos[1], strlen(pos[1]), nid);
    if (ctx.json) {
        jw w;
        jw_init(&w, stdout);
        jw_obj(&w);
        jw_key(&w, "ok");
        jw_bool(&w, true);
        jw_key(&w, "network_id");
        jw_str(&w, nid);
        jw_obj_end(&w);
        jw_end(&w);
    } else {
        printf("%s\n", nid);
    }
    return CLI_OK;
}
