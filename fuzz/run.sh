#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each (default 60),
# seeded from seeds/ and growing corpus/<target>/ (not committed).
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Prints one line per target: executions, seconds, corpus size. Exits non-zero
# if any target crashes, leaks, times out or runs out of memory; the input is
# left in artifacts/<target>/ (turn it into a regression test, then delete it).
# Usage: fuzz/run.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
failed=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  seeds=()
  if [ -d "seeds/$t" ]; then seeds=("seeds/$t"); fi
  log=$(mktemp)
  status=0
  # -timeout: one input taking over 10 s is a hang; -rss_limit_mb bounds memory.
  cargo +nightly fuzz run "$t" "corpus/$t" "${seeds[@]}" -- \
    -max_total_time="$secs" -max_len=8192 -timeout=10 -rss_limit_mb=3000 -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs=$(awk '/stat::number_of_executed_units/ { print $NF }' "$log")
  corpus=$(find "corpus/$t" -type f | wc -l)
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "FAIL $t (exit $status)"
    grep -E "SUMMARY|panicked|deadly|crash-|timeout-|oom-|leak-|ERROR" "$log" | head -20 || true
  else
    printf '%-12s %12s execs in %ss, corpus %s\n' "$t" "${execs:-?}" "$secs" "$corpus"
  fi
  rm -f "$log"
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
