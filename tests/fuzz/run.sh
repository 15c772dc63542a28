#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each for SECONDS
# (default 60) on its seed corpus in tests/fuzz/corpus/<harness>/ (new inputs go to a
# scratch copy, so the repository is not changed). Exits non-zero on the first finding;
# a crash input is left as build-fuzz/crash-* — turn it into a regression test.
# Usage: tests/fuzz/run.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}; shift || true
harnesses=${*:-"decode_normalize features jsonl fasttext model cli"}
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCHUDE_FUZZ=ON \
      -DCHUDE_SANITIZE=ON -DCHUDE_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j2 >/dev/null
for h in $harnesses; do
  work=build-fuzz/corpus-$h
  rm -rf "$work"; mkdir -p "$work"
  cp tests/fuzz/corpus/$h/* "$work"/ 2>/dev/null || true
  echo "== fuzz_$h for ${secs}s"
  (cd build-fuzz && ./bin/fuzz_$h -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -close_fd_mask=0 \
      -print_final_stats=1 "corpus-$h" 2>&1 | grep -E "^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|ERROR|SUMMARY|Done" || true)
  (cd build-fuzz && ls crash-* leak-* timeout-* oom-* >/dev/null 2>&1) && { echo "finding in fuzz_$h"; exit 1; }
done
echo "no findings"
