#!/usr/bin/env bash
# Runs libFuzzer harnesses for SECONDS (default 600), two at a time, and records the
# executions, speed and corpus size of each in bench/results/fuzz-DATE[-SUFFIX].md.
# Usage: bench/fuzz_long.sh [SECONDS [HARNESS...]]   (SUFFIX=name to keep an earlier table)
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-600}; shift || true
out=bench/results/fuzz-$(date -u +%Y-%m-%d)${SUFFIX:+-$SUFFIX}.md
tests/fuzz/run.sh 1 >/dev/null   # build
{
  echo "# libFuzzer runs, $(date -u +%Y-%m-%d), $(nproc) cores, ${secs}s per harness (two at a time)"
  echo
  echo "| harness | executions | exec/s | corpus entries | finding |"
  echo "|---|---:|---:|---:|---|"
} > "$out"
run_one() {
  local h=$1 w=build-fuzz/long-$1
  rm -f build-fuzz/long-$h-*   # artifacts of earlier runs
  rm -rf "$w"; mkdir -p "$w"; cp tests/fuzz/corpus/$h/* "$w"/
  (cd build-fuzz && ./bin/fuzz_$h -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=0 \
     -print_final_stats=1 -artifact_prefix=long-$h- "long-$h" > long-$h.log 2>&1) || true
  local ex=$(grep -o 'number_of_executed_units: [0-9]*' build-fuzz/long-$h.log | awk '{print $2}')
  local sp=$(grep -o 'average_exec_per_sec: *[0-9]*' build-fuzz/long-$h.log | awk '{print $2}')
  local found=none; ls build-fuzz/long-$h-* >/dev/null 2>&1 && found="yes: $(ls build-fuzz/long-$h-* | head -1)"
  echo "| $h | ${ex:-?} | ${sp:-?} | $(ls "$w" | wc -l) | $found |" >> "$out"
}
pairs=("decode_normalize features" "jsonl fasttext" "model cli")
[ $# -gt 0 ] && { pairs=(); while [ $# -gt 0 ]; do pairs+=("$1 ${2:-}"); shift; shift || true; done; }
for p in "${pairs[@]}"; do
  for h in $p; do run_one "$h" & done
  wait
done
cat "$out"
