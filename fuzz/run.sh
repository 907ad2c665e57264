#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), seeded from seeds/.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Usage: fuzz/run.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  seeds=()
  if [ -d "seeds/$t" ]; then seeds=("seeds/$t"); fi
  echo "==> $t (${secs}s)"
  cargo +nightly fuzz run "$t" "corpus/$t" "${seeds[@]}" -- -max_total_time="$secs" -max_len=8192 -rss_limit_mb=3000 2>&1 \
    | grep -E "^Done|SUMMARY|panicked|deadly|crash-" || true
done
