#!/bin/sh
# Runs fuzz targets for a while each:
#   fuzz/run.sh BUILD_DIR SECONDS [JOBS] [TARGET...]
# BUILD_DIR holds fuzz/fuzz_* (configured with -DGRIDTYPES_FUZZ=ON); seeds come from
# fuzz/seed.sh into BUILD_DIR/seeds, the growing corpus is BUILD_DIR/corpus/<target>,
# crashes land in BUILD_DIR/artifacts/<target>/ and logs in BUILD_DIR/logs/. JOBS
# targets run at once (default 1). Exits non-zero when a target found something.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
secs=$2
jobs=${3:-1}
shift 2; [ $# -gt 0 ] && shift
targets=${*:-"json deployment upgrade verify keys key_text hex base58 locate diagnose"}
[ -d "$build/seeds" ] || "$here/seed.sh" "$here/../tests/conformance" "$build/seeds" >/dev/null
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
mkdir -p "$build/logs"

run_one() {
  t=$1
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
  extra=""
  case $t in
    json|deployment|upgrade|verify|locate|diagnose) extra="-max_len=16384 -dict=$here/json.dict" ;;
    keys) extra="-max_len=512" ;;
    key_text) extra="-max_len=128" ;;
    *) extra="-max_len=1024" ;;
  esac
  # shellcheck disable=SC2086
  if "$build/fuzz/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$t/" $extra "$build/corpus/$t" "$build/seeds/$t" \
       > "$build/logs/$t.log" 2>&1; then
    status=ok
  else
    status=FOUND
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  printf '%-11s %6ss %12s execs  %s\n' "$t" "$secs" "$execs" "$status"
  [ "$status" = ok ]
}

fail=0
pids=""
running=0
for t in $targets; do
  if [ "$jobs" -le 1 ]; then
    run_one "$t" || fail=1
  else
    ( run_one "$t" ) &
    pids="$pids $!"
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
      for p in $pids; do wait "$p" || fail=1; done
      pids=""; running=0
    fi
  fi
done
for p in $pids; do wait "$p" || fail=1; done
[ "$fail" = 0 ] || { echo "a target found something: see $build/artifacts/ and $build/logs/"; exit 1; }
