#!/bin/sh
# Golden-output tests of the gridtypes command: each case runs one command line and
# compares its standard output, standard error and exit status with
# tests/cli/golden/<case>.out. GOLDEN_UPDATE=1 rewrites the files instead (review the diff).
#
# usage: golden.sh GRIDTYPES SOURCE_DIR
# Commands run in a scratch directory where ex/ is the examples folder and data/ a copy of
# the test fixtures, so that file names in messages are short and do not depend on the
# checkout.
set -u
case $1 in /*) GT=$1 ;; *) GT=$(pwd)/$1 ;; esac
src=$(cd "$2" && pwd)
gold=$src/tests/cli/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
ln -s "$src/examples" "$tmp/ex"
# a copy of the fixtures readable by their owner only, as secret files must be
cp -R "$src/tests/cli/data" "$tmp/data"
chmod 600 "$tmp"/data/*
cd "$tmp" || exit 2
export GT
unset GRIDTYPES_MNEMONIC

pass=0
fail=0
# case NAME COMMAND-LINE (a shell command line; $GT is the gridtypes binary)
case_() {
    name=$1
    cmd=$2
    sh -c "$cmd" >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    {
        printf '$ %s\n' "$cmd"
        cat "$tmp/stdout"
        printf -- '--- stderr\n'
        cat "$tmp/stderr"
        printf -- '--- exit %s\n' "$rc"
    } >"$tmp/got"
    if [ "${GOLDEN_UPDATE:-}" = 1 ]; then
        cp "$tmp/got" "$gold/$name.out"
    fi
    if [ -f "$gold/$name.out" ] && cmp -s "$tmp/got" "$gold/$name.out"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name"
        if [ -f "$gold/$name.out" ]; then diff -u "$gold/$name.out" "$tmp/got" | head -40; else echo "  (no golden file $name.out)"; fi
    fi
}

# --- the command itself
case_ version '$GT --version'
case_ version_json '$GT --version --json'
case_ help '$GT --help'
case_ no_command '$GT'
case_ unknown_command '$GT frobnicate'

# --- validate
case_ validate_ok '$GT validate ex/deployment.json'
case_ validate_stdin '$GT validate - < ex/workloads/zdb.json'
case_ validate_json '$GT validate --json ex/deployment.json'
case_ validate_invalid '$GT validate data/invalid.json'
case_ validate_invalid_json '$GT validate --json data/invalid.json'
case_ validate_help '$GT validate --help'

# --- hash
case_ hash '$GT hash ex/deployment.json'
case_ hash_json '$GT hash --json ex/deployment.json'
case_ hash_invalid_warns '$GT hash data/invalid.json'
case_ hash_challenge '$GT hash --challenge ex/workloads/zmount.json'
case_ hash_challenge_json '$GT hash --challenge --json ex/workloads/zmount.json'
case_ hash_annotate '$GT hash --annotate ex/deployment.json'
case_ hash_annotate_json '$GT hash --annotate --json ex/workloads/zmount.json'
case_ hash_exclusive '$GT hash --challenge --annotate ex/deployment.json'
case_ hash_help '$GT hash --help'

# --- hash --compare: equal, then one recognised cause each
case_ compare_equal '$GT hash --challenge ex/deployment.json > ours.txt; $GT hash --compare ours.txt ex/deployment.json'
case_ compare_hex_equal '$GT hash --challenge --json ex/deployment.json | sed -n "s/.*\"challenge_hex\": \"\\(.*\\)\".*/\\1/p" > ours.hex; $GT hash --compare-hex ours.hex ex/deployment.json'
case_ compare_ip_unnormalised '$GT hash --challenge ex/deployment.json | sed "s/10\\.20\\.2\\.5/::ffff:10.20.2.5/" > theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_hex_case '$GT hash --challenge ex/deployment.json | sed "s/5c1e9a04b7d3f28e6a0c4d19b2e7f35a/5C1E9A04B7D3F28E6A0C4D19B2E7F35A/" > theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_big_number '$GT hash --challenge data/bignum.json | sed "s/9007199254740993/9007199254740992/" > theirs.txt; $GT hash --compare theirs.txt data/bignum.json'
case_ compare_style_missing '$GT hash --challenge data/polka.json | sed "s/polka-wallet\$//" > theirs.txt; $GT hash --compare theirs.txt data/polka.json'
case_ compare_nil_net '$GT hash --challenge ex/workloads/network-light.json | sed "s/<nil>//" > theirs.txt; $GT hash --compare theirs.txt ex/workloads/network-light.json'
case_ compare_json '$GT hash --challenge ex/deployment.json | sed "s/10\\.20\\.2\\.5/::ffff:10.20.2.5/" > theirs.txt; $GT hash --compare theirs.txt --json ex/deployment.json'
case_ compare_not_hex '$GT hash --compare-hex data/alice.secret ex/deployment.json'

# --- capacity
case_ capacity '$GT capacity ex/deployment.json'
case_ capacity_json '$GT capacity --json ex/workloads/zmachine-light.json'
case_ capacity_qsfs '$GT capacity ex/workloads/qsfs.json'

# --- explain
case_ explain '$GT explain ex/deployment.json'
case_ explain_json '$GT explain --json ex/workloads/zlogs.json'
case_ explain_invalid '$GT explain data/invalid.json'
case_ explain_light '$GT explain ex/workloads/zmachine-light.json'
case_ explain_fqdn '$GT explain ex/workloads/gateway-fqdn-proxy.json'

# --- sign (ed25519 signatures are deterministic; sr25519 ones are not, so those are verified)
case_ sign_ed25519_env 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/workloads/zmount.json'
case_ sign_ed25519_file_polka '$GT sign --twin 7301 --key-type ed25519 --style polka-wallet --mnemonic-file data/alice.secret ex/workloads/zmount.json'
case_ sign_json 'GRIDTYPES_MNEMONIC=//Alice $GT sign --json --twin 7301 --key-type ed25519 ex/workloads/zmount.json'
case_ sign_no_secret '$GT sign --twin 7301 --key-type sr25519 ex/deployment.json'
case_ sign_secret_on_argv '$GT sign --twin 7301 --key-type sr25519 --mnemonic //Alice ex/deployment.json'
case_ sign_bad_secret '$GT sign --twin 7301 --key-type sr25519 --mnemonic-file data/bad.secret ex/deployment.json'
case_ sign_bad_twin '$GT sign --twin -1 --key-type sr25519 ex/deployment.json'
case_ sign_other_twin 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 42 --key-type ed25519 ex/workloads/zmount.json'
# -o: written whole through a temporary file, never over the input without --in-place
case_ sign_output_file 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 -o out.json ex/workloads/zmount.json; echo "exit $?"; cat out.json; echo; ls -A | grep "^\." || echo "no temporary file left"'
case_ sign_output_json 'GRIDTYPES_MNEMONIC=//Alice $GT sign --json --twin 7301 --key-type ed25519 --output out.json ex/workloads/zmount.json; $GT verify --keys data/alice-ed25519.keys.json out.json'
case_ sign_output_is_input 'cp ex/workloads/zmount.json d.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 -o d.json d.json; echo "exit $?"; cmp d.json ex/workloads/zmount.json && echo unchanged'
case_ sign_output_link_to_input 'cp ex/workloads/zmount.json d.json; ln -s d.json link.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 -o link.json d.json; echo "exit $?"'
case_ sign_in_place 'cp ex/workloads/zmount.json d.json; chmod 640 d.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 --in-place d.json; echo "exit $?"; ls -l d.json | cut -c1-10; ls -A | grep "^\." || echo "no temporary file left"; $GT verify --keys data/alice-ed25519.keys.json d.json'
case_ sign_in_place_stdin 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 --in-place - < ex/workloads/zmount.json'
case_ sign_output_missing_folder 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 -o nowhere/out.json ex/workloads/zmount.json'
# a result known not to verify is not written, unless --force
case_ sign_type_kept 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/workloads/zmount.json > s.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 s.json'
case_ sign_type_kept_force 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/workloads/zmount.json > s.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --force --twin 7301 --key-type sr25519 s.json > s2.json; echo "exit $?"; $GT verify --keys data/alice-sr25519.keys.json s2.json'
case_ sign_style_breaks_other 'GRIDTYPES_MNEMONIC=//Bob $GT sign --twin 6839 --key-type ed25519 data/multisig.json > s.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 --style polka-wallet s.json'
case_ sign_style_breaks_other_force 'GRIDTYPES_MNEMONIC=//Bob $GT sign --twin 6839 --key-type ed25519 data/multisig.json > s.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --force --twin 7301 --key-type ed25519 --style polka-wallet s.json > s2.json; echo "exit $?"; $GT verify --keys data/alice-bob-ed25519.keys.json s2.json'
case_ sign_help '$GT sign --help'

# --- verify
case_ verify_ed25519_ok 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/deployment.json > s.json; $GT verify --keys data/alice-ed25519.keys.json s.json'
case_ verify_sr25519_ok 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 ex/deployment.json > s.json; $GT verify --keys data/alice-sr25519.keys.json s.json'
case_ verify_polka_ok '$GT sign --twin 7301 --key-type sr25519 --style polka-wallet --mnemonic-file data/alice.secret ex/deployment.json > s.json; $GT verify --json --keys data/alice-sr25519.keys.json s.json'
case_ verify_unsigned '$GT verify --keys data/alice-sr25519.keys.json ex/deployment.json'
case_ verify_wrong_key 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 ex/deployment.json > s.json; $GT verify --keys data/bob-sr25519.keys.json s.json'
case_ verify_wrong_key_json 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 --style polka-wallet ex/deployment.json > s.json; $GT verify --json --keys data/bob-sr25519.keys.json s.json'
case_ verify_key_not_found 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 ex/deployment.json > s.json; $GT verify --keys data/empty.keys.json s.json'
case_ verify_bad_hex 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/deployment.json | sed "s/\"signature\":\"[0-9a-f]*\"/\"signature\":\"zz\"/" > s.json; $GT verify --keys data/alice-ed25519.keys.json s.json'
case_ verify_weight 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 data/weight.json > s.json 2>/dev/null; $GT verify --keys data/alice-ed25519.keys.json s.json'
case_ verify_no_originator 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 99 --key-type ed25519 data/no-originator.json > s.json; $GT verify --keys data/alice-ed25519-twin99.keys.json s.json'
case_ verify_broken_keys '$GT verify --keys data/broken.keys.json ex/deployment.json'
case_ verify_no_keys '$GT verify ex/deployment.json'
# keys as people have them: hex in either case, 0x hex, SS58, in files and in --key
case_ verify_key_forms 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/workloads/zmount.json > s.json; for k in 88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee 0x88DC3417D5058EC4B4503E0C12EA1A0A89BE200FE98922423D4334014FA6B0EE 5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu; do $GT verify --key 7301=$k s.json; done; $GT verify --keys data/alice-ed25519-ss58.keys.json s.json'
case_ verify_key_overrides_file 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 ex/workloads/zmount.json > s.json; $GT verify --keys data/bob-sr25519.keys.json --key 7301=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY s.json'
case_ verify_key_bad 'printf "{}" > d.json; $GT verify --key 7301 d.json; $GT verify --key 7301=0xabc d.json; $GT verify --key 7301=5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQZ d.json'
case_ verify_keys_file_found 'printf "{\"7301\": \"ab\"\n\n" > k.json; $GT verify --keys k.json ex/deployment.json'
# a requested twin that did not sign
case_ verify_requested_not_signed 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 data/multisig.json > s.json; $GT verify --keys data/alice-bob-ed25519.keys.json s.json; $GT verify --json --keys data/alice-bob-ed25519.keys.json s.json'
# an input carrying its own keys
case_ verify_wrapper 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/workloads/zmount.json > s.json; { printf "{\"deployment\": "; cat s.json; printf ", \"keys\": {\"7301\": \"5FA9nQDVg267DEd8m1ZypXLBnvN7SFxYwV7ndqSYGiN9TTpu\"}}"; } > w.json; $GT verify --keys data/empty.keys.json w.json; $GT verify --json --keys data/bob-sr25519.keys.json w.json'
case_ verify_wrapper_errors 'printf "{\"deployment\": {\"version\": \"x\"}}" > w.json; $GT verify --keys data/empty.keys.json w.json; printf "{\"deployment\": {}, \"keys\": {\"7301\": \"zz\"}}" > w2.json; $GT verify --json --keys data/empty.keys.json w2.json'

# --- upgrade
case_ upgrade_warnings '$GT upgrade data/upgrade-old.json data/upgrade-new.json'
case_ upgrade_json '$GT upgrade --json data/upgrade-old.json data/upgrade-new.json'
case_ upgrade_refused '$GT upgrade ex/deployment.json ex/deployment.json'
case_ upgrade_stdin '$GT upgrade data/upgrade-old.json - < data/upgrade-new.json'
case_ upgrade_one_arg '$GT upgrade data/upgrade-old.json'

# --- ids
case_ id '$GT id 7301 480215 web'
case_ id_json '$GT id --json 7301 480215 web'
case_ id_invalid_name '$GT id 7301 480215 "not valid"'
case_ id_bad_twin '$GT id 4294967296 1 web'
case_ netid '$GT netid 7301 mynet'
case_ netid_json '$GT netid --json 7301 mynet'

# --- key
case_ key_alice_sr25519 'printf "//Alice\\n" | $GT key --key-type sr25519 -'
case_ key_alice_ed25519 '$GT key --key-type ed25519 data/alice.secret'
case_ key_mnemonic '$GT key --key-type sr25519 data/dev.mnemonic'
case_ key_mnemonic_derived 'printf "%s//Bob\\n" "$(cat data/dev.mnemonic)" | $GT key --key-type sr25519 --json -'
case_ key_seed '$GT key --key-type ed25519 --json data/seed.hex'
case_ key_bad '$GT key --key-type sr25519 data/bad.secret'
case_ key_no_type '$GT key data/alice.secret'

# --- many inputs: one JSON line each, in input order
case_ batch_hash_folder '$GT hash ex/workloads'
case_ batch_validate_files '$GT validate ex/deployment.json data/invalid.json missing.json data/bignum.json'
case_ batch_hash_ndjson 'for f in ex/workloads/zdb.json ex/workloads/ip.json; do tr -d "\n" < $f; echo; done > two.ndjson; { cat two.ndjson; echo; echo "   "; echo "{\"version\": -1}"; printf "{}"; } | $GT hash --ndjson -'
case_ batch_jobs_same_order 'for i in 1 2 3 4 5 6 7 8; do for f in ex/workloads/*.json; do tr -d "\n" < $f; echo; done; done > many.ndjson; $GT validate --ndjson -j 1 many.ndjson > one.txt; $GT validate --ndjson -j 4 many.ndjson > four.txt; wc -l < one.txt; cmp one.txt four.txt && echo same'
case_ batch_verify_ndjson 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type ed25519 ex/workloads/zmount.json > s.json; { printf "{\"deployment\": "; cat s.json; printf ", \"keys\": {\"7301\": \"88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee\"}}\n"; cat s.json; echo; echo "[1,2"; } | $GT verify --ndjson --key 7301=d17c2d7823ebf260fd138f2d7e27d114c0145d968b5ff5006125f2414fadae69 -'
case_ batch_capacity '$GT capacity ex/workloads/zdb.json data/overflow.json'
case_ batch_explain_json '$GT explain --json ex/workloads/zmount.json ex/workloads/zdb.json'
case_ batch_explain_text '$GT explain ex/workloads/zmount.json ex/workloads/zdb.json'
case_ batch_stdin_twice '$GT hash - - < ex/deployment.json'
case_ batch_bad_jobs '$GT hash -j 0 ex/workloads'
case_ batch_ndjson_folder '$GT hash --ndjson ex/workloads'
case_ batch_line_too_long 'tr -d "\n" < ex/deployment.json > one.ndjson; echo >> one.ndjson; cat one.ndjson one.ndjson > two.ndjson; $GT hash --ndjson --max-size 1K two.ndjson'
case_ batch_annotate '$GT hash --annotate ex/workloads/zdb.json ex/workloads/ip.json'

# --- smaller things
case_ capacity_overflow '$GT capacity data/overflow.json'
case_ capacity_overflow_json '$GT capacity --json data/overflow.json'
case_ hash_compare_both_stdin '$GT hash --compare - - < ex/deployment.json'
case_ hash_bom 'printf "\357\273\277{}" > bom.json; $GT hash bom.json; $GT validate bom.json'
case_ key_env 'GRIDTYPES_MNEMONIC=//Alice $GT key --key-type ed25519'
case_ key_secret_on_argv '$GT key --key-type sr25519 //Alice'
case_ key_no_secret '$GT key --key-type sr25519'
case_ key_newline_in_secret 'printf "bottom drive\n//x\n" > s.txt; chmod 600 s.txt; $GT key --key-type sr25519 s.txt'
case_ io_error_json '$GT hash --json missing.json'
case_ fmt_output 'GT_OUT=fmt.json; $GT fmt -o $GT_OUT ex/workloads/zmount.json; echo "exit $?"; $GT hash $GT_OUT; $GT hash ex/workloads/zmount.json'
case_ fmt_in_place 'cp ex/workloads/zmount.json d.json; $GT fmt --in-place --indent d.json; echo "exit $?"; head -3 d.json; $GT fmt -o d.json d.json'

# --- secrets handled like ssh handles private keys
case_ key_open_permissions 'cp data/alice.secret open.secret; chmod 644 open.secret; $GT key --key-type sr25519 open.secret'
case_ key_insecure_permissions 'cp data/alice.secret open.secret; chmod 640 open.secret; $GT key --key-type sr25519 --insecure-permissions open.secret'
case_ sign_open_permissions 'cp data/alice.secret open.secret; chmod 604 open.secret; $GT sign --twin 7301 --key-type ed25519 --mnemonic-file open.secret ex/workloads/zmount.json'
case_ key_open_permissions_stdin 'cp data/alice.secret open.secret; chmod 644 open.secret; $GT key --key-type sr25519 - < open.secret'
case_ key_phrase_as_file '$GT key --key-type sr25519 "$(cat data/dev.mnemonic)"'
case_ key_uri_as_file '$GT key --key-type sr25519 "bottom drive obey lake curtain smoke basket hold race lonely fit walk//Alice"'
case_ key_seed_as_argument '$GT key --key-type ed25519 data/seed.hex 0x9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'
case_ sign_phrase_as_twin '$GT sign --key-type ed25519 --twin "$(cat data/dev.mnemonic)" ex/deployment.json'

# --- the input is never the output (as cat refuses "cat f >> f")
case_ sign_stdout_is_input 'cp ex/workloads/zmount.json f.json; GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 f.json >> f.json; echo "exit $?"; cmp f.json ex/workloads/zmount.json && echo "f.json unchanged"'
case_ hash_stdout_is_stdin 'cp ex/workloads/zmount.json f.json; $GT hash - < f.json >> f.json; echo "exit $?"; cmp f.json ex/workloads/zmount.json && echo "f.json unchanged"'
case_ validate_stdout_other_file 'cp ex/workloads/zmount.json f.json; $GT validate f.json > out.txt; cat out.txt'

# --- the diagnosis commands and options (hash --compare --all, --expect, lint, fmt, verify's explanations)
. "$src/tests/cli/golden_diagnose.sh"

echo "golden: $pass passed, $fail failed"
[ "$fail" = 0 ]
