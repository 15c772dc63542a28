#!/usr/bin/env bash
# How chude-train's defaults were chosen: VNTC held-out accuracy and macro-F1 (dev split 0.1,
# by hash of id) for n-gram length, C, the title block, min-df and sublinear tf. One line per
# setting. This split (FNV hash of the id, seed 1) is not the one bench/vntc.sh reports on.
# Usage: bench/defaults_vntc.sh [SHARED_DIR] > bench/results/defaults-vntc-DATE.md
set -euo pipefail
cd "$(dirname "$0")/.."
data=${1:-../shared}/data/vntc/train.jsonl.gz
echo "# chude-train settings on VNTC (dev split 0.1), $(date -u +%Y-%m-%d), $(nproc) cores"
echo
echo "| setting | accuracy | macro-F1 | training (s) |"
echo "|---|---:|---:|---:|"
run() {
  local name=$1; shift
  build/bin/chude-train -q -i "$data" --dev-split 0.1 --threads 2 "$@" > /tmp/defaults.$$.txt
  awk -v n="$name" '/^accuracy/{a=$2} /^macro/{f=$7} /^training time/{t=$3} END{printf "| %s | %s | %.2f | %s |\n", n, a, f*100, t}' /tmp/defaults.$$.txt
}
run "defaults (1-2 grams, C 1, title block 0.3, min-df 2, sublinear)"
run "no title block" --title-weight 0
run "no title block, C 0.5 (the defaults before 2026-11-23 afternoon)" --title-weight 0 -c 0.5
run "title block 0.5" --title-weight 0.5
run "title block 1" --title-weight 1
run "1-grams" --ngrams 1
run "1-3 grams" --ngrams 3
run "C 0.5" -c 0.5
run "C 2" -c 2
run "min-df 3" --min-df 3
run "raw tf" --no-sublinear
run "no boilerplate stripping, no placeholders" --keep-boilerplate --no-placeholders
