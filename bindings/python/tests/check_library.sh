#!/bin/sh
# check_library.sh LIB — the wheel's libgridtypes.so is self-contained: it needs libc alone,
# exports gt_* symbols only (libsodium's and nettle's stay hidden) and has no text
# relocations. Prints what it found; exits 1 on any departure.
set -eu
lib=$1
fail=0
needed=$(readelf -d "$lib" | sed -n 's/.*(NEEDED).*\[\(.*\)\].*/\1/p')
echo "NEEDED: $needed"
for n in $needed; do
    case $n in
    libc.so.*) ;;
    *) echo "FAIL: depends on $n"; fail=1 ;;
    esac
done
if readelf -d "$lib" | grep -q TEXTREL; then
    echo "FAIL: text relocations"
    fail=1
fi
exported=$(nm -D --defined-only "$lib" | awk '{print $3}')
count=$(printf '%s\n' "$exported" | grep -c . || true)
others=$(printf '%s\n' "$exported" | grep -v '^gt_' || true)
echo "exported: $count symbols"
if [ -n "$others" ]; then
    echo "FAIL: exports other than gt_*:"
    printf '%s\n' "$others" | head -20
    fail=1
fi
for sym in gt_ffi_parse gt_ffi_hash_hex gt_ffi_verify gt_ffi_abi_version; do
    printf '%s\n' "$exported" | grep -qx "$sym" || { echo "FAIL: $sym is not exported"; fail=1; }
done
for sym in sodium_init crypto_sign_ed25519_detached nettle_md5_init; do
    if printf '%s\n' "$exported" | grep -qx "$sym"; then
        echo "FAIL: $sym (a dependency's) is exported"
        fail=1
    fi
done
[ $fail = 0 ] && echo "ok: self-contained"
exit $fail
