#!/usr/bin/env python3
"""Writes the reproducers of the complexity defects fixed in 2026-11 (too large to commit):
     gen_quadratic.py OUT_DIR
env-100k.json          a zmachine-light whose env has 100,000 keys (1.3 MB): parse O(n^2)
upgrade-100k.json      100,000 zmount workloads (6.4 MB): upgrade(x, x with version+1) O(n^2)
publicip-20k.json      20,000 zmachines, each with its own public ip workload: validation O(n^2)
Time them with a parse + hash + validate + upgrade driver (`gridtypes validate`, `gridtypes upgrade`);
tests/unit/test_regressions.c checks the same shapes at a smaller size."""
import json, os, sys

out = sys.argv[1] if len(sys.argv) > 1 else "."
os.makedirs(out, exist_ok=True)

def dep(workloads):
    return ('{"version":1,"twin_id":1,"contract_id":1,"signature_requirement":{"requests":'
            '[{"twin_id":1,"required":false,"weight":1}],"weight_required":1},"workloads":['
            + ",".join(workloads) + "]}")

env = ",".join('"k%d":"v"' % i for i in range(100000))
open(os.path.join(out, "env-100k.json"), "w").write(dep([
    '{"version":1,"name":"vm","type":"zmachine-light","data":{"flist":"https://hub.grid.tf/a.flist",'
    '"network":{"interfaces":[]},"size":1,"compute_capacity":{"cpu":1,"memory":268435456},"env":{%s}}}' % env]))
open(os.path.join(out, "upgrade-100k.json"), "w").write(dep([
    '{"version":1,"name":"w%d","type":"zmount","data":{"size":1}}' % i for i in range(100000)]))
wls = []
for i in range(20000):
    wls.append('{"version":1,"name":"ip%d","type":"ip","data":{"v4":true}}' % i)
    wls.append('{"version":1,"name":"vm%d","type":"zmachine","data":{"flist":"https://hub.grid.tf/a.flist",'
               '"network":{"public_ip":"ip%d","interfaces":[{"network":"n","ip":"10.1.1.%d"}]},'
               '"size":0,"compute_capacity":{"cpu":1,"memory":268435456}}}' % (i, i, 2 + i % 250))
open(os.path.join(out, "publicip-20k.json"), "w").write(dep(wls))
