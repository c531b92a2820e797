# Sourced by the WebAssembly scripts (wasm-deps.sh, wasm-build.sh): what every one of them needs.

# Debian's emscripten runs its JavaScript tools with `node` and finds their modules (acorn) in
# /usr/share/nodejs, which only Debian's own node searches by itself.
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"

GT_SUDO=""
[ "$(id -u)" = 0 ] || GT_SUDO=sudo

# gt_wasm_need_packages COMMAND:PACKAGE...: installs, with apt-get, the Debian package of every
# command that is not on PATH (a command is what the scripts run; any provider of it will do).
gt_wasm_need_packages() {
  local pair missing=""
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}"
  done
  [ -n "$missing" ] || return 0
  echo "installing:$missing"
  $GT_SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $GT_SUDO apt-get install -y -qq $missing >/dev/null
}
