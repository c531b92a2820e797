/* build_vm — a VM deployment built from scratch with the gridtypes-c API.
 *
 * What a client does before it creates a contract on the grid: describe the workloads
 * (a private network, a disk, a public IP, the VM itself and a gateway in front of it)
 * as typed C structs, encode each as the node expects it, put them in a deployment, print
 * the deployment's JSON and the hash its contract must carry, sign it and check the
 * signature the way a node will.
 *
 * The signing key is the well-known development key //Alice (sr25519): never use it
 * for anything real. Build and run it with `make check` (it is a CTest test) or:
 *     cc build_vm.c $(pkg-config --cflags --libs gridtypes) -o build_vm */
#include <gridtypes.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TWIN 7301
#define CONTRACT 480215

/* Reports a failed call and exits; `what` names the step. */
static void check(int rc, const gt_error *err, const char *what)
{
    if (rc == GT_OK)
        return;
    fprintf(stderr, "build_vm: %s: %s (%s)", what, err ? err->message : "", gt_status_name(rc));
    if (err && err->path[0])
        fprintf(stderr, " at %s", err->path);
    fputc('\n', stderr);
    exit(1);
}

/* A gt_str for a C string literal or buffer. */
static gt_str str(const char *s)
{
    return (gt_str){s, strlen(s)};
}

/* An IPv4 network a.b.c.d/prefix, as gridtypes.IPNet keeps it. */
static gt_ipnet ipv4_net(uint8_t a, uint8_t b, uint8_t c, uint8_t d, unsigned prefix)
{
    gt_ipnet n;
    memset(&n, 0, sizeof n);
    n.ip.len = 4;
    n.ip.b[0] = a, n.ip.b[1] = b, n.ip.b[2] = c, n.ip.b[3] = d;
    n.mask.len = 4;
    for (unsigned i = 0; i < prefix && i < 32; i++)
        n.mask.b[i / 8] |= (uint8_t)(0x80u >> (i % 8));
    return n;
}

/* Encodes typed data the way the reference marshals it and appends it as a workload. */
static void add(gt_deployment *d, const char *name, const gt_workload_type *type, const void *data,
                const char *description)
{
    char *json;
    size_t len;
    check(gt_workload_type_encode(type, data, &json, &len), NULL, "encode workload data");
    gt_workload *wl = gt_deployment_add_workload(d, name, type->name, json, len);
    free(json);
    if (!wl) {
        fprintf(stderr, "build_vm: out of memory\n");
        exit(1);
    }
    wl->description = gt_deployment_strdup(d, description, strlen(description));
}

/* The key getter a node has (the chain's twin -> public key); here one twin, one key. */
static int alice_key(void *ctx, uint32_t twin, uint8_t *key, size_t cap, size_t *len, gt_error *err)
{
    const gt_keypair *kp = ctx;
    if (twin != TWIN || cap < GT_PUBLIC_KEY_BYTES)
        return gt_error_set(err, GT_ENOTFOUND, "key not found");
    memcpy(key, kp->public_key, GT_PUBLIC_KEY_BYTES);
    *len = GT_PUBLIC_KEY_BYTES;
    return GT_OK;
}

int main(void)
{
    gt_error err;
    gt_deployment *d = gt_deployment_new();
    if (!d)
        return 1;
    d->twin_id = TWIN;
    d->contract_id = CONTRACT;
    d->description = gt_deployment_strdup(d, "web server built with build_vm", 30);
    d->metadata = gt_deployment_strdup(d, "{\"type\":\"vm\",\"name\":\"web\"}", 26);
    d->signature_requirement.weight_required = 1;
    check(gt_deployment_add_request(d, TWIN, true, 1), NULL, "add signature request");

    /* a private network the VM joins */
    gt_network net;
    memset(&net, 0, sizeof net);
    net.ip_range = ipv4_net(10, 20, 0, 0, 16);
    net.subnet = ipv4_net(10, 20, 2, 0, 24);
    net.wireguard_private_key = str("cH9nO1sW4bXkq2Ue7y5Rm0TdLz3aVf8gJi6pHoQrE1M=");
    net.wireguard_listen_port = 3011;
    add(d, "mynet", &gt_type_network, &net, "private network");

    /* a 20 GiB SSD disk */
    gt_zmount disk = {.size = 20 * GT_GB};
    add(d, "data", &gt_type_zmount, &disk, "data disk");

    /* a public IPv4 address */
    gt_public_ip pip = {.v4 = true, .v6 = false};
    add(d, "publicip", &gt_type_ip, &pip, "public address");

    /* the VM: 2 cores, 4 GiB, on the network, with the disk and the public IP */
    gt_machine_interface iface = {.network = str("mynet"), .ip = {.len = 4, .b = {10, 20, 2, 5}}};
    gt_machine_mount mount = {.name = str("data"), .mountpoint = str("/srv/data")};
    gt_kv env = {str("SSH_KEY"), str("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF6m3bWk0cS9eLq2rT7yUvXz me@laptop")};
    gt_zmachine vm;
    memset(&vm, 0, sizeof vm);
    vm.flist = str("https://hub.grid.tf/tf-official-vms/ubuntu-22.04.flist");
    vm.network.public_ip = str("publicip");
    vm.network.interfaces.items = &iface;
    vm.network.interfaces.len = vm.network.interfaces.cap = 1;
    vm.network.interfaces.set = true;
    vm.compute_capacity.cpu = 2;
    vm.compute_capacity.memory = 4 * GT_GB;
    vm.mounts.items = &mount;
    vm.mounts.len = vm.mounts.cap = 1;
    vm.mounts.set = true;
    vm.entrypoint = str("/sbin/zinit init");
    vm.env.items = &env;
    vm.env.len = vm.env.cap = 1;
    vm.env.set = true;
    add(d, "web", &gt_type_zmachine, &vm, "web server");

    /* a gateway: mywebsite.<gateway domain> -> the VM's public address */
    gt_str backend = str("http://185.206.122.33:80");
    gt_gateway_name_proxy gw;
    memset(&gw, 0, sizeof gw);
    gw.name = str("mywebsite");
    gw.backends.items = &backend;
    gw.backends.len = gw.backends.cap = 1;
    gw.backends.set = true;
    add(d, "webgw", &gt_type_gateway_name, &gw, "public web address");

    /* what a node will say about it */
    check(gt_deployment_valid(d, &err), &err, "validate");

    char *json;
    size_t len;
    check(gt_deployment_encode(d, &json, &len, &err), &err, "encode");
    printf("deployment: %s\n", json);
    free(json);

    char hash[GT_HASH_HEX_SIZE];
    check(gt_deployment_challenge_hash_hex(d, hash, &err), &err, "hash");
    printf("hash: %s\n", hash);

    /* sign with the development key //Alice (sr25519) */
    gt_keypair alice;
    const char *uri = "//Alice";
    check(gt_keypair_from_secret(uri, strlen(uri), GT_KEY_SR25519, &alice, &err), &err, "derive //Alice");
    check(gt_deployment_sign(d, TWIN, &alice, &err), &err, "sign");
    char ss58[GT_SS58_BUFSIZE];
    check(gt_ss58_encode(alice.public_key, GT_PUBLIC_KEY_BYTES, GT_SS58_PREFIX_SUBSTRATE, ss58, sizeof ss58, &err), &err,
          "ss58");
    printf("signed by twin %u with sr25519 key %s\n", TWIN, ss58);

    /* verify as a node does, with the key the chain would return */
    gt_verify_report report;
    check(gt_deployment_verify(d, alice_key, &alice, &report, &err), &err, "verify");
    printf("verified: ok\n");

    gt_keypair_wipe(&alice);
    gt_deployment_free(d);
    return 0;
}
