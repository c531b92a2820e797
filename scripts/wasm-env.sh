# Sourced by the WebAssembly scripts (wasm-deps.sh, wasm-build.sh): what every one of them needs.

# Debian's emscripten runs its JavaScript tools with `node` and finds their modules (acorn) in
# /usr/share/nodejs, which only Debian's own node searches by itself.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

GT_SUDO=""
[ "$(id -u)" = 0 ] || GT_SUDO=sudo
