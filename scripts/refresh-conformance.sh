#!/bin/sh
# Refreshes tests/conformance, the verbatim copy of the public corpus that lets a fresh
# clone run the conformance tests on its own. Never edit the copy by hand.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
src=${1:-$here/../shared/conformance}
[ -d "$src" ] || { echo "no corpus at $src" >&2; exit 1; }
rm -rf "$here/tests/conformance"
mkdir -p "$here/tests/conformance"
cp -a "$src/." "$here/tests/conformance/"
chmod -R u+w "$here/tests/conformance"
echo "copied $(find "$here/tests/conformance" -type f | wc -l) files from $src"
