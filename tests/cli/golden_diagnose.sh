# Golden cases of the diagnosis engines, sourced by golden.sh (its case_ function, $GT,
# ex/ and data/). Each builds the other client's text from ours with one known mistake.

# --- hash --compare: what another client added, where, and every difference with --all
case_ compare_all '$GT hash --challenge ex/deployment.json | sed "s/10\\.20\\.2\\.5/::ffff:10.20.2.5/; s/4294967296/4294967296.0/; s/truefalse0web/trueFalse0web/" > theirs.txt; printf "\\r\\n" >> theirs.txt; $GT hash --compare theirs.txt --all ex/deployment.json'
case_ compare_all_json '$GT hash --challenge ex/deployment.json | sed "s/10\\.20\\.2\\.5/::ffff:10.20.2.5/; s/4294967296/4294967296.0/" > theirs.txt; $GT hash --compare theirs.txt --all --json ex/deployment.json'
case_ compare_trailing_junk '$GT hash --challenge ex/deployment.json > theirs.txt; printf " JUNK" >> theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_trailing_crlf '$GT hash --challenge ex/deployment.json > theirs.txt; printf "\\r\\n" >> theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_float_in_value '$GT hash --challenge ex/deployment.json | sed "s/4294967296/4294967296.0/" > theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_backend_slash '$GT hash --challenge ex/deployment.json | sed "s|122\\.33:80|122.33:80/|" > theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_description_space '$GT hash --challenge ex/deployment.json | sed "s/web serverhttps/web server https/" > theirs.txt; $GT hash --compare theirs.txt ex/deployment.json'
case_ compare_undefined '$GT hash --challenge ex/workloads/network-light.json | sed "s/<nil>/undefined/; s|10\\.30\\.4\\.0/24|10.30.4.0/24undefined|" > theirs.txt; $GT hash --compare theirs.txt --all ex/workloads/network-light.json'
case_ compare_theirs_hash '$GT hash ex/deployment.json > theirs.txt; $GT hash --compare theirs.txt ex/deployment.json; echo 0123456789abcdef0123456789ABCDEF > other.txt; $GT hash --compare other.txt ex/deployment.json'
case_ compare_theirs_deployment '$GT hash --compare ex/workloads/zmount.json ex/deployment.json | head -3'
case_ compare_all_needs_compare '$GT hash --all ex/deployment.json'

# --- hash --expect: the other client's hash alone; their text is built here by hand
case_ expect_equal '$GT hash --expect "$($GT hash ex/deployment.json)" ex/deployment.json'
case_ expect_port_undefined 'h=$($GT hash --annotate ex/workloads/network-light.json | awk -F "\t" "{ if (\$1 == \"workloads[0].data.wireguard_listen_port\") printf \"undefined\"; else printf \"%s\", \$2 }" | md5sum | cut -c1-32); $GT hash --expect $h ex/workloads/network-light.json'
case_ expect_crlf 'h=$( ($GT hash --challenge ex/deployment.json; printf "\\r\\n") | md5sum | cut -c1-32); $GT hash --expect $h --json ex/deployment.json'
case_ expect_pair 'h=$($GT hash --annotate ex/deployment.json | awk -F "\t" "{ v = \$2; if (\$1 ~ /^workloads.[0-9]+.\\.name\$/) v = \"\"; else if (v == \"true\") v = \"True\"; else if (v == \"false\") v = \"False\"; printf \"%s\", v }" | md5sum | cut -c1-32); $GT hash --expect $h ex/deployment.json'
case_ expect_unknown '$GT hash --expect 0123456789abcdef0123456789abcdef ex/deployment.json'
case_ expect_not_a_hash '$GT hash --expect 12345 ex/deployment.json'

# --- verify: the signing mistake behind a refused signature (signatures made with //Alice
# over the wrong message: data/signed-*.json)
case_ verify_explain_hex_hash '$GT verify --keys data/alice-ed25519.keys.json data/signed-hex-hash.json'
case_ verify_explain_wrapped '$GT verify --keys data/alice-ed25519.keys.json data/signed-wrapped-no-style.json'
case_ verify_explain_divergent '$GT verify --json --keys data/alice-ed25519.keys.json data/signed-port-undefined.json'
case_ verify_explain_key_type 'GRIDTYPES_MNEMONIC=//Alice $GT sign --twin 7301 --key-type sr25519 ex/deployment.json | sed "s/\"signature_type\":\"sr25519\"/\"signature_type\":\"ed25519\"/" > s.json; $GT verify --keys data/alice-sr25519.keys.json s.json'

# --- lint
case_ lint_findings '$GT lint ex/workloads/zmachine-light.json'
case_ lint_json '$GT lint --json ex/deployment.json'
case_ lint_clean '$GT lint ex/workloads/zmount.json'
case_ lint_refusals 'sed "s/\"weight_required\": 1/\"weight_required\": 5/; s/\"10.20.2.5\"/\"10.99.2.5\"/" ex/deployment.json > d.json; $GT lint d.json'
case_ lint_help '$GT lint --help'

# --- fmt: what the node re-encodes; the hash does not change
case_ fmt '$GT fmt ex/workloads/zmount.json'
case_ fmt_indent '$GT fmt --indent ex/workloads/network-light.json; $GT fmt --indent ex/workloads/network-light.json | $GT hash -; $GT hash ex/workloads/network-light.json'
case_ fmt_canonical '$GT fmt --canonical ex/deployment.json | $GT lint -; $GT fmt ex/deployment.json | $GT lint - | tail -1'
case_ fmt_write_error '$GT fmt ex/deployment.json > /dev/full'
case_ fmt_refused 'printf "{\"twin_id\": -1}" | $GT fmt -'
