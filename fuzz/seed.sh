#!/bin/sh
# Builds the seed corpora of the fuzz targets from the conformance corpus:
#   fuzz/seed.sh [CORPUS_DIR] [OUT_DIR]   (defaults: tests/conformance, build-fuzz/seeds)
# One directory per target under OUT_DIR (not committed; libFuzzer adds to a separate
# working corpus). Run from anywhere; idempotent.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
corpus=${1:-$root/tests/conformance}
out=${2:-$root/build-fuzz/seeds}
sep='
@@@@
'
rm -rf "$out"
mkdir -p "$out/json" "$out/deployment" "$out/upgrade" "$out/verify" "$out/keys" "$out/hex" "$out/base58" "$out/key_text" \
  "$out/locate" "$out/diagnose"

# Deployments: the raw inputs, for the deployment target as they are and for the reader
# behind a schema selector byte (0 = the deployment schema).
for f in "$corpus"/deployments/*.json; do
  case "$f" in *.expect.json) continue ;; esac
  b=$(basename "$f" .json)
  cp "$f" "$out/deployment/$b"
  cp "$f" "$out/diagnose/$b"
  { printf '\000'; cat "$f"; } > "$out/json/$b"
done
# Workload data alone, behind the selector of each type's schema.

for sel in 1 2 3 4 5 6 7 8 9 10 11 12 13; do
  printf '%b{}' "\\0$(printf '%o' $sel)" > "$out/json/empty-$sel"
done

# Upgrades: old SEP new.
for d in "$corpus"/upgrades/*/; do
  b=$(basename "$d")
  { cat "$d/old.json"; printf '%s' "$sep"; cat "$d/new.json"; } > "$out/upgrade/$b"
done
for f in "$corpus"/deployments/0*-valid-*.json; do
  case "$f" in *.expect.json) continue ;; esac
  b=$(basename "$f" .json)
  { cat "$f"; printf '%s' "$sep"; cat "$f"; } > "$out/upgrade/same-$b"
done

# Signatures: a key-table selector byte (see fuzz_verify.c), then the deployment.
for d in "$corpus"/signatures/*/; do
  b=$(basename "$d")
  keys="$d/keys.json"
  sel='\000'
  if grep -q 'd531568bb12f37c370f1ca777641e19ca3a58dcafb817a455233d7a8d84b534300' "$keys"; then sel='\002'
  elif grep -q '"b68d06f3f2b637f2a3b805836fece63b877081ec54766456e3f0a8de1c16474f"' "$keys"; then sel='\001'
  elif ! grep -q '[0-9a-f]\{64\}' "$keys"; then sel='\003'
  fi
  { printf "$sel"; cat "$d/deployment.json"; } > "$out/verify/$b"
done

# Secret URIs: selector byte (0 ed25519, 1 sr25519), then the URI.
n=0
while IFS= read -r uri; do
  n=$((n + 1))
  printf '\000%s' "$uri" > "$out/keys/ed-$n"
  printf '\001%s' "$uri" > "$out/keys/sr-$n"
done <<'URIS'
//Alice
//Alice//stash
//Bob/0
//1//2/3///pw
bottom drive obey lake curtain smoke basket hold race lonely fit walk
bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice///secret
legal winner thank year wave sausage worth useful legal winner thank yellow
abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about
abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon art
0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef//x
0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef/soft/18446744073709551615
///password
URIS

# Hex and base58: signatures and keys from the corpus, and a few edges.
for d in "$corpus"/signatures/*/; do
  b=$(basename "$d")
  grep -o '"signature":"[^"]*"' "$d/deployment.json" | head -1 | sed 's/.*:"//; s/"$//' | tr -d '\n' > "$out/hex/$b" || true
  grep -o '[0-9a-f]\{64\}' "$d/keys.json" | head -1 | tr -d '\n' > "$out/hex/key-$b" || true
done
printf 'abc' > "$out/hex/odd"; printf 'zz' > "$out/hex/bad"; printf 'ABCDEF' > "$out/hex/upper"
for s in 1 11 111z 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY 3yQ z 0 I O l; do
  printf '%s' "$s" > "$out/base58/$s"
done
grep -o '"unique[^"]*":"[^"]*"' "$corpus/ids.jsonl" | sed 's/.*:"//; s/"$//' | sort -u | head -200 |
  while IFS= read -r s; do printf '%s' "$s" > "$out/base58/u-$s"; done

# Public keys as text: the corpus's hex keys, in 0x and upper-case forms too, and addresses.
for f in "$out"/hex/key-*; do
  k=$(cat "$f")
  printf '%s' "$k" > "$out/key_text/${f##*/}"
  printf '0x%s' "$k" > "$out/key_text/0x-${f##*/}"
  printf '%s' "$k" | tr 'a-f' 'A-F' > "$out/key_text/upper-${f##*/}"
done
for s in 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty \
         1Lq4kz4nD3xBmxPXCp7xabsePZ8Hs4Ns6wRD1AoThV4Ae2i 0x 0X1 5Grw; do
  printf '%s' "$s" > "$out/key_text/$s"
done

# Locator: deployments and a few paths into them (their own errors' paths are added by
# the target).
for f in "$corpus"/deployments/*.json; do
  case "$f" in *.expect.json) continue ;; esac
  b=$(basename "$f" .json)
  { cat "$f"; printf '%s' "$sep"; printf 'workloads[0].data\nworkloads[1].name\nsignature_requirement.requests[0]\nWorkloads[0].DATA.size\n'; } > "$out/locate/$b"
done

for t in json deployment upgrade verify keys key_text hex base58 locate; do
  printf '%-11s %5d seeds\n' "$t" "$(ls "$out/$t" | wc -l)"
done
