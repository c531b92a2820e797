/* gridtypes/zos.h — the data of the 13 zos workload types as C structs (package zos of
 * the reference). Field names follow the JSON keys. Strings and lists inside data
 * decoded from a deployment live in the deployment's arena. Zero values are Go's. */
#ifndef GRIDTYPES_ZOS_H
#define GRIDTYPES_ZOS_H

#include "gridtypes/types.h"
#include "gridtypes/workload_type.h"

#ifdef __cplusplus
extern "C" {
#endif

#define GT_TYPE_ZMOUNT "zmount"
#define GT_TYPE_NETWORK "network"
#define GT_TYPE_NETWORK_LIGHT "network-light"
#define GT_TYPE_ZDB "zdb"
#define GT_TYPE_ZMACHINE "zmachine"
#define GT_TYPE_ZMACHINE_LIGHT "zmachine-light"
#define GT_TYPE_VOLUME "volume"
#define GT_TYPE_PUBLIC_IPV4 "ipv4" /* deprecated by the reference, still accepted */
#define GT_TYPE_PUBLIC_IP "ip"
#define GT_TYPE_GATEWAY_NAME "gateway-name-proxy"
#define GT_TYPE_GATEWAY_FQDN "gateway-fqdn-proxy"
#define GT_TYPE_QSFS "qsfs"
#define GT_TYPE_ZLOGS "zlogs"

/* zmount / volume */
typedef struct gt_zmount { uint64_t size; } gt_zmount;
typedef struct gt_volume { uint64_t size; } gt_volume;

/* zdb */
typedef struct gt_zdb {
    uint64_t size;
    gt_str mode; /* "user" or "seq" */
    gt_str password;
    bool public_; /* JSON "public" */
} gt_zdb;

/* ipv4 (no fields) and ip */
typedef struct gt_public_ipv4 { char unused_; } gt_public_ipv4;
typedef struct gt_public_ip { bool v4; bool v6; } gt_public_ip;

/* network */
typedef struct gt_peer {
    gt_ipnet subnet;
    gt_str wireguard_public_key;
    GT_SLICE(gt_ipnet) allowed_ips;
    gt_str endpoint;
} gt_peer;

typedef struct gt_mycelium {
    gt_bytes hex_key;
    GT_SLICE(gt_str) peers;
} gt_mycelium;

typedef struct gt_network {
    gt_ipnet ip_range;
    gt_ipnet subnet;
    gt_str wireguard_private_key;
    uint16_t wireguard_listen_port;
    GT_SLICE(gt_peer) peers;
    gt_mycelium *mycelium; /* optional (omitted when NULL) */
} gt_network;

typedef struct gt_network_light {
    gt_ipnet subnet;
    gt_mycelium mycelium; /* always present: Go's omitempty has no effect on a struct */
    gt_ipnet ip_range;
    gt_str wireguard_private_key;
    uint16_t wireguard_listen_port;
    GT_SLICE(gt_peer) peers;
} gt_network_light;

/* zmachine and zmachine-light */
typedef struct gt_machine_interface {
    gt_str network;
    gt_ip ip;
} gt_machine_interface;

typedef struct gt_mycelium_ip {
    gt_str network; /* JSON "Network": the reference has no tag on this field */
    gt_bytes hex_seed;
} gt_mycelium_ip;

typedef struct gt_machine_network {
    gt_str public_ip;
    bool planetary;
    gt_mycelium_ip *mycelium; /* optional */
    GT_SLICE(gt_machine_interface) interfaces;
} gt_machine_network;

typedef struct gt_machine_network_light {
    gt_mycelium_ip *mycelium; /* optional */
    GT_SLICE(gt_machine_interface) interfaces;
} gt_machine_network_light;

typedef struct gt_machine_capacity {
    uint8_t cpu;
    uint64_t memory;
} gt_machine_capacity;

typedef struct gt_machine_mount {
    gt_str name;
    gt_str mountpoint;
} gt_machine_mount;

typedef struct gt_zmachine {
    gt_str flist;
    gt_machine_network network;
    uint64_t size;
    gt_machine_capacity compute_capacity;
    GT_SLICE(gt_machine_mount) mounts;
    gt_str entrypoint;
    gt_map env;
    bool corex;
    GT_SLICE(gt_str) gpu; /* optional */
} gt_zmachine;

typedef struct gt_zmachine_light {
    gt_str flist;
    gt_machine_network_light network;
    uint64_t size;
    gt_machine_capacity compute_capacity;
    GT_SLICE(gt_machine_mount) mounts;
    gt_str entrypoint;
    gt_map env;
    bool corex;
    GT_SLICE(gt_str) gpu;
} gt_zmachine_light;

/* gateways: both embed the reference's GatewayBase (tls_passthrough, backends, network) */
typedef struct gt_gateway_name_proxy {
    bool tls_passthrough;
    GT_SLICE(gt_str) backends;
    gt_str *network; /* optional */
    gt_str name;
} gt_gateway_name_proxy;

typedef struct gt_gateway_fqdn_proxy {
    bool tls_passthrough;
    GT_SLICE(gt_str) backends;
    gt_str *network; /* optional */
    gt_str fqdn;
} gt_gateway_fqdn_proxy;

/* qsfs */
typedef struct gt_qsfs_encryption {
    gt_str algorithm;
    gt_bytes key;
} gt_qsfs_encryption;

typedef struct gt_zdb_backend {
    gt_str address;
    gt_str namespace_;
    gt_str password;
} gt_zdb_backend;

typedef struct gt_qsfs_meta_config {
    gt_str prefix;
    gt_qsfs_encryption encryption;
    GT_SLICE(gt_zdb_backend) backends;
} gt_qsfs_meta_config;

typedef struct gt_qsfs_meta {
    gt_str type;
    gt_qsfs_meta_config config;
} gt_qsfs_meta;

typedef struct gt_zdb_group {
    GT_SLICE(gt_zdb_backend) backends;
} gt_zdb_group;

typedef struct gt_qsfs_compression {
    gt_str algorithm;
} gt_qsfs_compression;

typedef struct gt_qsfs_config {
    uint32_t minimal_shards;
    uint32_t expected_shards;
    uint32_t redundant_groups;
    uint32_t redundant_nodes;
    uint32_t max_zdb_data_dir_size;
    gt_qsfs_encryption encryption;
    gt_qsfs_meta meta;
    GT_SLICE(gt_zdb_group) groups;
    gt_qsfs_compression compression;
} gt_qsfs_config;

typedef struct gt_qsfs {
    uint64_t cache;
    gt_qsfs_config config;
} gt_qsfs;

/* zlogs */
typedef struct gt_zlogs {
    gt_str zmachine;
    gt_str output;
} gt_zlogs;

/* Result data reported by nodes (decode with gt_workload_result_data). */
typedef struct gt_zmount_result { gt_str volume_id; } gt_zmount_result;
typedef struct gt_volume_result { gt_str id; } gt_volume_result;
typedef struct gt_zdb_result {
    gt_str namespace_; /* JSON "Namespace": the reference has no tags here */
    GT_SLICE(gt_str) ips; /* "IPs" */
    uint64_t port;        /* "Port" */
} gt_zdb_result;
typedef struct gt_public_ip_result {
    gt_ipnet ip;
    gt_ipnet ip6;
    gt_ip gateway;
} gt_public_ip_result;
typedef struct gt_zmachine_result {
    gt_str id;
    gt_str ip;
    gt_str planetary_ip; /* takes the old "ygg_ip" key's value when that is non-empty */
    gt_str mycelium_ip;
    gt_str console_url;
    gt_str ygg_ip;       /* the old key as sent; not encoded */
} gt_zmachine_result;
typedef struct gt_zmachine_light_result {
    gt_str id;
    gt_str ip;
    gt_str mycelium_ip;
    gt_str console_url;
} gt_zmachine_light_result;
typedef struct gt_gateway_proxy_result { gt_str fqdn; } gt_gateway_proxy_result;
typedef struct gt_qsfs_result {
    gt_str path;
    gt_str metrics_endpoint;
} gt_qsfs_result;

/* The type tables (registered automatically). */
extern const gt_workload_type gt_type_zmount, gt_type_volume, gt_type_zdb, gt_type_ipv4,
    gt_type_ip, gt_type_network, gt_type_network_light, gt_type_zmachine,
    gt_type_zmachine_light, gt_type_gateway_name, gt_type_gateway_fqdn, gt_type_qsfs,
    gt_type_zlogs;

#ifdef __cplusplus
}
#endif
#endif
