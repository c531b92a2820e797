#!/usr/bin/env bash
# The WebAssembly build (`make wasm`): the library compiled by Debian's emscripten, linked
# with nettle and libsodium built from Debian's source packages (scripts/wasm-deps.sh), into
# the npm package (bindings/js/dist) and the playground page (web/dist/index.html).
#
#   scripts/wasm-build.sh [BUILD_DIR [DEPS_DIR]]     defaults: build-wasm, build-wasm-deps
#
# On a fresh Debian machine it installs what it needs with apt-get. The dependencies'
# prefix in DEPS_DIR is kept between builds (a second build only recompiles the library).
# CMAKE_FLAGS are passed on (e.g. -DGRIDTYPES_NO_SIMD=ON for the portable loops).
set -euo pipefail

build=${1:-build-wasm}
deps=${2:-build-wasm-deps}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
# shellcheck source=scripts/wasm-env.sh
. "$here/wasm-env.sh"

# npm: the package's tests pack it and install it into a scratch project.
"$here/deps.sh" cmd:emcc=emscripten cmd:cmake=cmake cmd:node=nodejs cmd:npm=npm \
  file:/usr/lib/python3/dist-packages/mnemonic/wordlist/english.txt=python3-mnemonic

start=$(date +%s)
"$here/wasm-deps.sh" "$deps"
prefix=$(cd "$deps/prefix" && pwd)

# Emscripten 3.1.6 compiles its system libraries on first use into its cache; Debian ships
# that cache prebuilt (and frozen) in /usr/share/emscripten/cache, so nothing is built here.
# pkg-config must find the wasm32 nettle and libsodium, never the host's, and CMake may look
# for libraries only in the sysroot and that prefix.
# shellcheck disable=SC2086
PKG_CONFIG_LIBDIR="$prefix/lib/pkgconfig" PKG_CONFIG_PATH="" cmake -S "$root" -B "$build" \
  -DCMAKE_TOOLCHAIN_FILE=/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake \
  -DCMAKE_FIND_ROOT_PATH="$prefix" -DCMAKE_CROSSCOMPILING_EMULATOR="$(command -v node)" \
  -DCMAKE_BUILD_TYPE=Release -DGRIDTYPES_TESTS=OFF -Wno-dev ${CMAKE_FLAGS:-} >/dev/null
cmake --build "$build" -j"${JOBS:-2}"
size() { echo "$1 $(wc -c <"$root/bindings/js/dist/$1") bytes, $(gzip -9c "$root/bindings/js/dist/$1" | wc -c) gzipped"; }
echo "wasm build: $build in $(( $(date +%s) - start ))s; $(size gridtypes.wasm); $(size gridtypes-keys.wasm)"
