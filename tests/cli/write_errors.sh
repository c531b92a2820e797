#!/bin/sh
# Output is never lost silently: every command, --help and --version included, run with
# its standard output on /dev/full (every write fails with ENOSPC) must say so and exit 2,
# and a document written with -o must leave its destination as it was when the write
# fails.
#
# usage: write_errors.sh GRIDTYPES SOURCE_DIR
set -u
case $1 in /*) GT=$1 ;; *) GT=$(pwd)/$1 ;; esac
src=$(cd "$2" && pwd)
if ! [ -c /dev/full ]; then
    echo "write errors: SKIPPED (no /dev/full on this system)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2
unset GRIDTYPES_MNEMONIC
export GT
ex=$src/examples
# a copy of the fixtures readable by their owner only, as secret files must be
mkdir data && cp "$src"/tests/cli/data/* data/ && chmod 600 data/*
data=$tmp/data

pass=0
fail=0
# full NAME COMMAND-LINE: the command, run with standard output on /dev/full, exits 2 and
# names the failed write on standard error.
full() {
    name=$1
    sh -c "$2" >/dev/full 2>err.txt
    rc=$?
    if [ "$rc" = 2 ] && grep -q 'cannot write .*No space left on device' err.txt; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $rc (want 2), standard error:"
        head -c 400 err.txt
        echo
    fi
}

full "help" '"$GT" --help'
full "help hash" '"$GT" help hash'
full "version" '"$GT" --version'
full "version json" '"$GT" --version --json'
for cmd in validate hash sign verify capacity upgrade explain id netid key lint fmt; do
    full "$cmd --help" "\"\$GT\" $cmd --help"
done
for j in "" --json; do
    full "validate $j" "\"\$GT\" validate $j \"$ex/deployment.json\""
    full "validate invalid $j" "\"\$GT\" validate $j \"$data/invalid.json\""
    full "hash $j" "\"\$GT\" hash $j \"$ex/deployment.json\""
    full "hash challenge $j" "\"\$GT\" hash --challenge $j \"$ex/deployment.json\""
    full "hash annotate $j" "\"\$GT\" hash --annotate $j \"$ex/deployment.json\""
    full "hash compare $j" "\"\$GT\" hash --challenge \"$ex/deployment.json\" > ours.txt; \"\$GT\" hash $j --compare ours.txt \"$ex/deployment.json\""
    full "sign $j" "GRIDTYPES_MNEMONIC=//Alice \"\$GT\" sign $j --twin 7301 --key-type ed25519 \"$ex/deployment.json\""
    full "verify $j" "\"\$GT\" verify $j --keys \"$data/alice-ed25519.keys.json\" \"$ex/deployment.json\""
    full "capacity $j" "\"\$GT\" capacity $j \"$ex/deployment.json\""
    full "upgrade $j" "\"\$GT\" upgrade $j \"$data/upgrade-old.json\" \"$data/upgrade-new.json\""
    full "explain $j" "\"\$GT\" explain $j \"$ex/deployment.json\""
    full "id $j" "\"\$GT\" id $j 7301 1 web"
    full "netid $j" "\"\$GT\" netid $j 7301 net"
    full "key $j" "\"\$GT\" key $j --key-type sr25519 \"$data/alice.secret\""
    full "lint $j" "\"\$GT\" lint $j \"$ex/deployment.json\""
    full "fmt $j" "\"\$GT\" fmt $j \"$ex/deployment.json\""
    full "hash expect $j" "\"\$GT\" hash $j --expect 00000000000000000000000000000000 \"$ex/deployment.json\""
done
# many inputs at once: the lines stop at the first failed write
full "hash batch" "\"\$GT\" hash \"$ex/workloads\""
full "validate ndjson" "tr -d '\\n' < \"$ex/deployment.json\" > one.ndjson; echo >> one.ndjson; cat one.ndjson one.ndjson one.ndjson | \"\$GT\" validate --ndjson -"
# an I/O error reported as JSON cannot be written either
full "missing --json" "\"\$GT\" hash --json missing.json"

# sign -o: a failed write leaves the destination as it was, and no temporary file behind
cp "$ex/deployment.json" old.json
GRIDTYPES_MNEMONIC=//Alice "$GT" sign --twin 7301 --key-type ed25519 -o /dev/full "$ex/deployment.json" 2>err.txt
rc=$?
if [ "$rc" = 2 ] && grep -q 'cannot write /dev/full: No space left on device' err.txt; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL sign -o /dev/full: exit $rc"
    cat err.txt
fi
mkdir ro && cp old.json ro/d.json && chmod a-w ro
GRIDTYPES_MNEMONIC=//Alice "$GT" sign --twin 7301 --key-type ed25519 -o ro/d.json "$ex/deployment.json" 2>err.txt
rc=$?
if [ "$(id -u)" = 0 ]; then
    echo "write errors: read-only folder case SKIPPED (root writes anywhere)"
elif [ "$rc" = 2 ] && cmp -s old.json ro/d.json && [ "$(ls -A ro)" = d.json ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL sign -o into a read-only folder: exit $rc, folder: $(ls -A ro)"
    cat err.txt
fi
chmod u+w ro

echo "write errors: $pass passed, $fail failed"
[ "$fail" = 0 ]
