#!/bin/sh
# The main job (`make run`): the gridtypes command on the bundled example deployment —
# validate, explain, capacity, hash, sign with the development key //Alice (sr25519),
# verify with Alice's public key. $1 is the build directory.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$build/cli/gridtypes"
example="$here/examples/deployment.json"
if [ ! -x "$bin" ]; then
    echo "the gridtypes command is not built yet ($bin)" >&2
    exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

step() { printf '\n== gridtypes %s\n' "$*"; }

"$bin" --version
step validate examples/deployment.json
"$bin" validate "$example"
step explain examples/deployment.json
"$bin" explain "$example"
step capacity examples/deployment.json
"$bin" capacity "$example"
step hash examples/deployment.json
"$bin" hash "$example"

# //Alice is substrate's well-known development key: fine for a demo, never for real use.
# The secret goes through the environment, never the command line.
twin=$(sed -n 's/^  "twin_id": \([0-9]*\),$/\1/p' "$example")
step sign --twin "$twin" --key-type sr25519 examples/deployment.json "(secret: GRIDTYPES_MNEMONIC=//Alice)"
GRIDTYPES_MNEMONIC=//Alice "$bin" sign --twin "$twin" --key-type sr25519 "$example" >"$tmp/signed.json"
echo "wrote the signed deployment ($(wc -c <"$tmp/signed.json") bytes); its signatures:"
sed 's/.*"signatures":\(\[[^]]*\]\).*/\1/' "$tmp/signed.json"
echo

step key --key-type sr25519 "(//Alice)"
printf '//Alice\n' | "$bin" key --key-type sr25519 -
pub=$(printf '//Alice\n' | "$bin" key --key-type sr25519 --json - | sed -n 's/^  "public_key": "\([0-9a-f]*\)",*$/\1/p')
printf '{"%s": "%s"}\n' "$twin" "$pub" >"$tmp/keys.json"

step verify --keys keys.json signed.json
"$bin" verify --keys "$tmp/keys.json" "$tmp/signed.json"
