#!/bin/sh
# Bad inputs never crash the gridtypes command: each gives a clear message and the
# documented exit status (1 the input is refused, 2 usage or I/O error).
#
# usage: bad_inputs.sh GRIDTYPES SOURCE_DIR
set -u
case $1 in /*) GT=$1 ;; *) GT=$(pwd)/$1 ;; esac
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
cd "$tmp" || exit 2
unset GRIDTYPES_MNEMONIC
umask 077 # the files below are read as secrets too, which must be private

: >empty.json
# binary junk: every byte value, twice, in a fixed order
i=0
while [ $i -lt 256 ]; do printf "\\$(printf %o $(( (i * 37 + 11) % 256 )))"; i=$((i + 1)); done >junk.bin
cat junk.bin junk.bin >junk2.bin && mv junk2.bin junk.bin
head -c 300 "$src/examples/deployment.json" >truncated.json
mkdir adir
# 50 MB: a syntactically fine deployment whose description is huge
{ printf '{"description":"'; head -c 52428800 /dev/zero | tr '\0' 'a'; printf '"}'; } >big.json
cp "$src/examples/deployment.json" good.json
printf '{"7301": "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"}' >keys.json

pass=0
fail=0
# expect NAME STATUS MESSAGE-PATTERN COMMAND...: runs the command, checks its exit status and
# that standard output + error match the (grep -E) pattern.
expect() {
    name=$1 want=$2 pattern=$3
    shift 3
    "$@" >out.txt 2>&1
    rc=$?
    if [ "$rc" = "$want" ] && grep -Eq -- "$pattern" out.txt; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name: exit $rc (want $want), output:"
        head -c 600 out.txt
        echo
    fi
}

for cmd in validate hash explain capacity; do
    for j in "" --json; do
        expect "$cmd $j empty" 1 'empty input' "$GT" $cmd $j empty.json
        expect "$cmd $j junk" 1 'invalid character' "$GT" $cmd $j junk.bin
        expect "$cmd $j truncated" 1 'unexpected end of JSON input' "$GT" $cmd $j truncated.json
        expect "$cmd $j 50MB" 1 'too large' "$GT" $cmd $j big.json
        expect "$cmd $j missing" 2 'cannot open missing.json: No such file' "$GT" $cmd $j missing.json
        if [ "$cmd" = explain ] && [ -z "$j" ]; then
            expect "$cmd directory" 2 'with --json only' "$GT" $cmd adir
        else
            expect "$cmd $j directory" 2 'adir: no \*.json file in this folder' "$GT" $cmd $j adir
        fi
        expect "$cmd $j unknown flag" 2 "unknown option '--frobnicate'" "$GT" $cmd $j --frobnicate good.json
        expect "$cmd $j no file" 2 'missing argument' "$GT" $cmd $j
        if [ "$cmd" = explain ] && [ -z "$j" ]; then
            expect "$cmd two files" 2 'with --json only' "$GT" $cmd good.json good.json
        else
            expect "$cmd $j two files" 0 '^\{"input":"good.json","ok":true' "$GT" $cmd $j good.json good.json
        fi
        expect "$cmd $j stdin junk" 1 'invalid character' sh -c "\"$GT\" $cmd $j - < junk.bin"
        expect "$cmd $j stdin 50MB" 1 'too large' sh -c "\"$GT\" $cmd $j - < big.json"
        expect "$cmd $j stdin empty" 1 'empty input' sh -c "\"$GT\" $cmd $j - < empty.json"
    done
done
# the 50 MB file is accepted when the limit allows it (and is then a valid, empty deployment)
expect "validate 50MB --max-size" 0 '^ok$' "$GT" validate --max-size 64M big.json
expect "bad --max-size" 2 'max-size wants' "$GT" validate --max-size lots good.json

for f in empty.json junk.bin truncated.json big.json missing.json adir; do
    case $f in missing.json | adir) want=2 ;; *) want=1 ;; esac
    expect "sign $f" $want '.' env GRIDTYPES_MNEMONIC=//Alice "$GT" sign --twin 7301 --key-type sr25519 $f
    case $f in adir) expect "verify $f" 2 'no \*.json file' "$GT" verify --keys keys.json $f ;;
    *) expect "verify $f" $want '.' "$GT" verify --keys keys.json $f ;; esac
    expect "upgrade old $f" $want '.' "$GT" upgrade $f good.json
    expect "upgrade new $f" $want '.' "$GT" upgrade good.json $f
    expect "hash --compare $f" $want '.' "$GT" hash --compare $f good.json
    expect "key $f" $want '.' "$GT" key --key-type sr25519 $f
done
expect "verify keys junk" 2 'expected an object' "$GT" verify --keys junk.bin good.json
expect "verify keys empty" 2 'empty input' "$GT" verify --keys empty.json good.json
expect "sign junk secret" 1 'unusable secret' "$GT" sign --twin 1 --key-type ed25519 --mnemonic-file junk.bin good.json
expect "sign unknown key type" 2 'ed25519 or sr25519' "$GT" sign --twin 1 --key-type rsa good.json
expect "option needs value" 2 "needs a value" "$GT" sign good.json --twin
expect "flag with value" 2 "takes no value" "$GT" hash --annotate=yes good.json
expect "unknown command" 2 "no command 'frob'" "$GT" frob
expect "unknown top option" 2 "unknown option '--frob'" "$GT" --frob
expect "help" 0 'usage: gridtypes' "$GT" help hash
expect "version extra" 2 'unexpected argument' "$GT" --version extra

# many inputs: a progress line on standard error only when it is a terminal
if command -v script >/dev/null 2>&1; then
    expect "progress on a terminal" 0 'hash: [0-9]+ done, 0 refused, 0 failed' \
        script -qec "\"$GT\" hash \"$src/examples/workloads\" >/dev/null" /dev/null
else
    echo "bad inputs: progress on a terminal SKIPPED (no 'script' command)"
fi
"$GT" hash "$src/examples/workloads" 2>err.txt >/dev/null
if [ $? = 0 ] && ! [ -s err.txt ]; then
    pass=$((pass + 1))
else
    fail=$((fail + 1))
    echo "FAIL no progress when standard error is not a terminal:"
    cat err.txt
fi

echo "bad inputs: $pass passed, $fail failed"
[ "$fail" = 0 ]
