#!/bin/sh
# Inputs with many problems or many references cost the command in proportion to their
# size: 4 times the workloads take about 4 times as long (at most 8; the square of the size
# would give 16), and the listing stops at 100 problems with a count of the rest. Each
# size is timed 3 times, interleaved, and the best time kept: a ratio of times taken in one
# run, not a wall-clock limit.
#
# usage: scaling.sh GRIDTYPES
set -u
case $1 in /*) GT=$1 ;; *) GT=$(pwd)/$1 ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2

pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# gen KIND N > file: a deployment of N workloads of one shape.
gen() {
    awk -v kind="$1" -v n="$2" 'BEGIN {
        printf "{\"version\":%d,\"twin_id\":1,\"contract_id\":1,\"workloads\":[\n", kind == "new" ? 3 : 2
        for (i = 0; i < n; i++) {
            sep = i + 1 < n ? ",\n" : "\n"
            if (kind == "empty")        # every workload a problem (no name, no type)
                printf "{}%s", sep
            else if (kind == "zlogs")   # references to a zmachine that is not there
                printf "{\"version\":1,\"name\":\"z%d\",\"type\":\"zlogs\",\"data\":{\"zmachine\":\"vm%d\",\"output\":\"ws://a\"}}%s", i, i, sep
            else if (kind == "old")     # an update that keeps every workload at version 1...
                printf "{\"version\":1,\"name\":\"w%d\",\"type\":\"zmount\",\"data\":{\"size\":1}}%s", i, sep
            else if (kind == "new")     # ...while changing its data: one warning each
                printf "{\"version\":1,\"name\":\"w%d\",\"type\":\"zmount\",\"data\":{\"size\":2}}%s", i, sep
        }
        printf "]}\n"
    }'
}

now_ns() { date +%s%N; }

# best_ratio NAME SMALL-CMD LARGE-CMD: times both 3 times and checks large / small <= 8.
best_ratio() {
    name=$1 small=$2 large=$3
    bs=0 bl=0
    for r in 1 2 3; do
        t0=$(now_ns); sh -c "$small" >/dev/null 2>&1; t1=$(now_ns)
        sh -c "$large" >/dev/null 2>&1; t2=$(now_ns)
        ts=$((t1 - t0)) tl=$((t2 - t1))
        if [ $bs = 0 ] || [ $ts -lt $bs ]; then bs=$ts; fi
        if [ $bl = 0 ] || [ $tl -lt $bl ]; then bl=$tl; fi
    done
    echo "  $name: $((bs / 1000000)) ms, 4x input $((bl / 1000000)) ms"
    if [ $((bl)) -le $((8 * bs)) ]; then ok; else bad "$name: 4x the input took $((bl / bs))x as long"; fi
}

gen empty 5000 >e1.json
gen empty 20000 >e4.json
gen zlogs 5000 >z1.json
gen zlogs 20000 >z4.json
gen old 5000 >o1.json
gen new 5000 >n1.json
gen old 20000 >o4.json
gen new 20000 >n4.json

# 20,000 workloads written "{}" (80 KB) need ~30 MB: past the default memory budget (16
# times the input), which the refusal names with the option that raises it
"$GT" validate e4.json >out.txt 2>&1
if grep -q 'needs more memory than its budget of 1280912 bytes (input of 80057 bytes); raise it with --max-memory SIZE' out.txt; then ok; else bad "memory budget"; cat out.txt; fi
M="--max-memory 1G"

# the listing: 100 problems, then the count of the others
"$GT" validate $M e4.json >out.txt 2>&1
if [ "$(grep -c ': workloads\[' out.txt)" = 100 ] && grep -q '^e4.json: invalid, 40000 problems$' out.txt &&
    grep -q '^  and 39900 more (the first 100 are shown)$' out.txt; then ok; else bad "validate listing"; head -5 out.txt; tail -3 out.txt; fi
"$GT" validate $M --json e4.json >out.txt 2>&1
if [ "$(grep -c '"node_reports"' out.txt)" = 100 ] && grep -q '"problem_count": 40000' out.txt; then ok; else bad "validate --json listing"; tail -3 out.txt; fi
"$GT" explain $M e4.json >out.txt 2>&1
if [ "$(grep -c '! problem' out.txt)" = 100 ] && grep -q '^and 39900 more problems (the first 100 are shown)$' out.txt; then ok; else bad "explain listing"; tail -3 out.txt; fi

best_ratio "validate, workloads of {}" "$GT validate $M e1.json" "$GT validate $M e4.json"
best_ratio "explain, workloads of {}" "$GT explain $M e1.json" "$GT explain $M e4.json"
best_ratio "explain, zlogs references" "$GT explain z1.json" "$GT explain z4.json"
best_ratio "capacity, workloads of {}" "$GT capacity $M --json e1.json" "$GT capacity $M --json e4.json"
best_ratio "upgrade, a warning per workload" "$GT upgrade o1.json n1.json" "$GT upgrade o4.json n4.json"

echo "scaling: $pass passed, $fail failed"
[ $fail = 0 ]
