#!/bin/sh
# The main job: the gridtypes command on the bundled example deployment.
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$build/cli/gridtypes"
example="$here/examples/deployment.json"
if [ ! -x "$bin" ]; then
    echo "the gridtypes command is not built yet ($bin)" >&2
    exit 2
fi
echo "== validate"; "$bin" validate "$example" || true
echo "== hash"; "$bin" hash "$example"
