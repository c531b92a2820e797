#!/bin/sh
# The installed package as another project sees it: installs the build tree BUILD into a
# temporary prefix, then
#   - configures tests/package (find_package(gridtypes)) against it, builds one program
#     with gridtypes::gridtypes and one with gridtypes::gridtypes_static, and runs both;
#   - builds the same program with `pkg-config --cflags --libs gridtypes` and runs it.
# Each must print the hash that the build's own command prints for examples/deployment.json.
#   tests/package/run.sh SOURCE_TREE BUILD [CC]
set -u
src=${1:?source tree}
build=${2:?build tree}
cc=${3:-cc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
example="$src/examples/deployment.json"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" = 0 ]
    exit $?
}

want=$("$build/cli/gridtypes" hash "$example") || { bad "the build's gridtypes hash"; finish; }
if ! cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1; then
    cat "$tmp/install.log"
    bad "cmake --install"
    finish
fi
config=$(find "$tmp/prefix" -name gridtypesConfig.cmake | head -n 1)
[ -n "$config" ] && ok || bad "no gridtypesConfig.cmake installed"

if cmake -S "$src/tests/package" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    -DCMAKE_C_COMPILER="$cc" >"$tmp/configure.log" 2>&1 &&
    cmake --build "$tmp/consumer" >"$tmp/build.log" 2>&1; then
    ok
    for variant in shared static; do
        got=$("$tmp/consumer/consumer_$variant" "$example")
        [ "$got" = "$want" ] && ok || bad "find_package, $variant: printed '$got', want '$want'"
    done
    # the static program must not need libgridtypes.so, the shared one must
    if command -v readelf >/dev/null 2>&1; then
        readelf -d "$tmp/consumer/consumer_static" | grep -q 'NEEDED.*libgridtypes' &&
            bad "consumer_static needs libgridtypes.so" || ok
        readelf -d "$tmp/consumer/consumer_shared" | grep -q 'NEEDED.*libgridtypes' &&
            ok || bad "consumer_shared does not link libgridtypes.so"
    fi
else
    cat "$tmp/configure.log" "$tmp/build.log" 2>/dev/null
    bad "find_package(gridtypes) project did not configure and build"
fi

pcdir=$(dirname "$(find "$tmp/prefix" -name gridtypes.pc | head -n 1)")
libdir=$(PKG_CONFIG_PATH="$pcdir" pkg-config --variable=libdir gridtypes)
# shellcheck disable=SC2046 # pkg-config's flags are meant to split into words
if "$cc" "$src/tests/package/consumer.c" $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs gridtypes) \
    -o "$tmp/consumer_pc" 2>"$tmp/pc.log"; then
    got=$(LD_LIBRARY_PATH="$libdir" "$tmp/consumer_pc" "$example")
    [ "$got" = "$want" ] && ok || bad "pkg-config: printed '$got', want '$want'"
else
    cat "$tmp/pc.log"
    bad "pkg-config build"
fi
finish
