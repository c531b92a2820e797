#!/usr/bin/env bash
# Builds nettle and libsodium for wasm32 from their Debian source packages into a prefix the
# WebAssembly build links (scripts/wasm-build.sh calls this; so does `make wasm`).
#
#   scripts/wasm-deps.sh DEPS_DIR      -> DEPS_DIR/prefix/{include,lib,lib/pkgconfig}
#
# Everything comes from Debian: the emscripten package (3.1.6 in bookworm) compiles, and
# `apt-get source` fetches the sources, with Debian's patches applied. When apt has no deb-src
# entry, one is added for the Debian archives it already uses. Nothing is vendored.
#
# The prefix is a cache: a second run returns at once unless the recipe (this file and the
# compiler's version) changed. The versions built are recorded in DEPS_DIR/prefix/BUILT.
set -euo pipefail
shopt -s inherit_errexit

deps_dir=${1:?usage: $0 DEPS_DIR}
jobs=${JOBS:-2}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/wasm-env.sh
. "$here/wasm-env.sh"

mkdir -p "$deps_dir"
deps_dir=$(cd "$deps_dir" && pwd)
prefix=$deps_dir/prefix
stamp=$prefix/BUILT

# Optimisation flags of the dependencies: for size (the module is downloaded by browsers);
# nettle's MD5, half of a hash's time, is as fast at -Os as at -O2 (its rounds are macros).
dep_cflags="-Os"
# nettle: only libnettle (MD5, PBKDF2, SHA-3's permutation); no hogweed, no GMP.
nettle_options=(--host=wasm32-unknown-emscripten --disable-shared --disable-public-key
  --disable-assembler --disable-documentation --disable-openssl --disable-fat CC_FOR_BUILD=cc)
sodium_options=(--host=wasm32-unknown-emscripten --disable-shared --enable-static --disable-asm
  --without-pthreads --disable-ssp --disable-pie --disable-dependency-tracking)

"$here/deps.sh" cmd:emcc=emscripten cmd:dpkg-source=dpkg-dev cmd:autoreconf=autoconf \
  cmd:automake=automake cmd:libtoolize=libtool cmd:make=make cmd:pkg-config=pkg-config cmd:cc=gcc

# emcc's version line, read whole: `emcc --version | head -n1` would close the pipe on
# emcc while it still writes, and under pipefail its broken pipe fails the build.
emcc_version=$(emcc --version)
emcc_version=${emcc_version%%$'\n'*}

# What decides the libraries built: a change of any of it rebuilds them.
recipe=$( { echo "recipe 1"; echo "$emcc_version"; echo "$dep_cflags";
  echo "${nettle_options[*]}"; echo "${sodium_options[*]}"; } | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && grep -qx "recipe $recipe" "$stamp" \
   && [ -f "$prefix/lib/libnettle.a" ] && [ -f "$prefix/lib/libsodium.a" ]; then
  echo "wasm deps: cached in $prefix ($(grep -E '^(nettle|libsodium) ' "$stamp" | tr '\n' ' '))"
  exit 0
fi

# --- a deb-src entry for the Debian archives apt already uses --------------------------------
has_deb_src() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] && grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && grep -Eiq '^Types:.*[[:space:]]deb-src([[:space:]]|$)|^Types:[[:space:]]*deb-src' "$f" && return 0
  done
  return 1
}

add_deb_src() {
  local out=/etc/apt/sources.list.d/gridtypes-deb-src.sources tmp
  tmp=$(mktemp)
  # deb822 files: every enabled stanza of type deb that points at a Debian archive, as deb-src.
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk 'BEGIN { RS = ""; ORS = "\n\n" }
      {
        n = split($0, line, "\n"); types = 0; debian = 0; off = 0
        for (i = 1; i <= n; i++) {
          if (line[i] ~ /^Types:/ && line[i] ~ /[: ]deb( |$)/) types = 1
          if (line[i] ~ /^URIs:/ && line[i] ~ /debian\.org/) debian = 1
          if (line[i] ~ /^Enabled:[ \t]*no/) off = 1
        }
        if (!types || !debian || off) next
        s = ""
        for (i = 1; i <= n; i++) {
          if (line[i] ~ /^#/) continue
          if (line[i] ~ /^Types:/) line[i] = "Types: deb-src"
          s = s line[i] "\n"
        }
        printf "%s\n", s
      }' "$f" >> "$tmp"
  done
  # One-line files: each "deb ... debian.org ..." line, as a deb-src stanza.
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk '$1 == "deb" && /debian\.org/ {
        i = 2; opts = ""
        if ($2 ~ /^\[/) { while ($i !~ /\]$/) { opts = opts " " $i; i++ } opts = opts " " $i; i++ }
        uri = $i; suite = $(i + 1); comps = ""
        for (j = i + 2; j <= NF; j++) comps = comps (comps == "" ? "" : " ") $j
        signed = ""
        if (match(opts, /signed-by=[^] ]+/)) signed = substr(opts, RSTART + 10, RLENGTH - 10)
        printf "Types: deb-src\nURIs: %s\nSuites: %s\nComponents: %s\n", uri, suite, comps
        if (signed != "") printf "Signed-By: %s\n", signed
        printf "\n"
      }' "$f" >> "$tmp"
  done
  if ! grep -q '^Types: deb-src' "$tmp"; then
    rm -f "$tmp"
    echo "wasm deps: apt has no Debian archive to take source packages from" >&2
    exit 1
  fi
  echo "wasm deps: adding $out (deb-src for the Debian archives apt uses)"
  $GT_SUDO install -m 644 "$tmp" "$out"
  rm -f "$tmp"
}

if ! has_deb_src; then
  add_deb_src
  $GT_SUDO apt-get update -qq
fi

# --- sources ---------------------------------------------------------------------------------
mkdir -p "$deps_dir/src"
fetch_source() { # $1 = source package; prints the unpacked directory
  local pkg=$1 dir
  (cd "$deps_dir/src" && rm -rf "$pkg"-[0-9]* "$pkg"_* \
    && { apt-get source -qq "$pkg" >/dev/null 2>"$pkg.log" \
         || { $GT_SUDO apt-get update -qq && apt-get source -qq "$pkg" >/dev/null 2>"$pkg.log"; } \
         || { cat "$pkg.log" >&2; exit 1; } })
  dir=$(find "$deps_dir/src" -maxdepth 1 -type d -name "$pkg-[0-9]*" | head -n1)
  [ -n "$dir" ] || { echo "wasm deps: apt-get source $pkg unpacked nothing" >&2; exit 1; }
  echo "$dir"
}
dsc_version() { # $1 = source package
  sed -n 's/^Version: //p' "$deps_dir"/src/"$1"_*.dsc | head -n1
}

start=$(date +%s)
rm -rf "$prefix" "$deps_dir/build"
mkdir -p "$prefix" "$deps_dir/build/nettle" "$deps_dir/build/libsodium"

nettle_src=$(fetch_source nettle)
sodium_src=$(fetch_source libsodium)

# --- nettle ----------------------------------------------------------------------------------
# Debian's patch edits configure and aclocal.m4 together; give the generated files the same
# time so make does not try to run autoconf/autoheader again.
touch -r "$nettle_src/aclocal.m4" "$nettle_src/configure" "$nettle_src/config.h.in" \
  "$nettle_src/stamp-h.in"
(
  cd "$deps_dir/build/nettle"
  emconfigure "$nettle_src/configure" --prefix="$prefix" "${nettle_options[@]}" \
    CFLAGS="$dep_cflags" >configure.log 2>&1 || { tail -n 30 configure.log >&2; exit 1; }
  emmake make -j"$jobs" libnettle.a >make.log 2>&1 || { tail -n 30 make.log >&2; exit 1; }
  make install-headers install-static install-pkgconfig >install.log 2>&1 \
    || { tail -n 30 install.log >&2; exit 1; }
)

# --- libsodium: Debian's source has no configure script; autoreconf makes it ------------------
# In a wasm build libsodium takes every random byte from Module.getRandomValue(); the
# package's entries set it to the platform's crypto.getRandomValues (randomWord in
# bindings/js/src/api.js).
(
  cd "$sodium_src"
  autoreconf -fi >"$deps_dir/build/libsodium/autoreconf.log" 2>&1 \
    || { tail -n 30 "$deps_dir/build/libsodium/autoreconf.log" >&2; exit 1; }
  cd "$deps_dir/build/libsodium"
  emconfigure "$sodium_src/configure" --prefix="$prefix" "${sodium_options[@]}" \
    CFLAGS="$dep_cflags" >configure.log 2>&1 || { tail -n 30 configure.log >&2; exit 1; }
  emmake make -j"$jobs" >make.log 2>&1 || { tail -n 30 make.log >&2; exit 1; }
  make install >install.log 2>&1 || { tail -n 30 install.log >&2; exit 1; }
)

{
  echo "recipe $recipe"
  echo "nettle $(dsc_version nettle)"
  echo "libsodium $(dsc_version libsodium)"
  echo "emcc $emcc_version"
  echo "cflags $dep_cflags"
} >"$stamp"
echo "wasm deps: built nettle $(dsc_version nettle) and libsodium $(dsc_version libsodium)" \
  "for wasm32 in $(( $(date +%s) - start ))s -> $prefix"
