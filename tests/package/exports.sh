#!/bin/sh
# A shared library of ours exports exactly the functions and data the public headers declare: nothing
# internal leaks out (a program cannot come to depend on it), and nothing declared is missing.
#
# usage: exports.sh LIBGRIDTYPES.SO INCLUDE_DIR
set -eu
lib=$1
inc=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
nm -D --defined-only "$lib" | awk '{print $3}' | sort -u >"$tmp/exported"
# functions: names followed by "("; data: the names of "extern const TYPE a, b, ...;"
# declarations, which may run over several lines
{
    cat "$inc"/gridtypes/*.h | grep -o 'gt_[a-z0-9_]*(' | tr -d '('
    cat "$inc"/gridtypes/*.h | awk '
        /^extern const gt_/ { on = 1; first = 1 }
        on {
            line = $0
            sub(/\/\*.*/, "", line)
            while (match(line, /gt_[a-z0-9_]+/)) {
                if (!first) print substr(line, RSTART, RLENGTH)
                first = 0
                line = substr(line, RSTART + RLENGTH)
            }
            if ($0 ~ /;/) on = 0
        }'
} | sort -u >"$tmp/declared"
status=0
extra=$(comm -23 "$tmp/exported" "$tmp/declared")
missing=$(comm -13 "$tmp/exported" "$tmp/declared")
if [ -n "$extra" ]; then
    echo "exported but not declared in the public headers:"; echo "$extra" | sed 's/^/  /'; status=1
fi
if [ -n "$missing" ]; then
    echo "declared in the public headers but not exported:"; echo "$missing" | sed 's/^/  /'; status=1
fi
if [ $status = 0 ]; then
    echo "exports: $(wc -l <"$tmp/exported") symbols, exactly those the public headers declare"
fi
exit $status
