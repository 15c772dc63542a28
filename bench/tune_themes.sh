#!/usr/bin/env bash
# Chooses the theme model's settings by 5-fold cross-validation on the labeled theme corpus.
# Usage: bench/tune_themes.sh [TRAIN.jsonl] (default build/themes/train.jsonl, made by
# models/build-themes.sh). Prints one line per setting: micro-F1, macro-F1, min per-theme F1.
# Every row shares the build's fixed settings (n-grams 1-2, min-df 3, 100,000 features, 5 calibration folds,
# seed 1, one thread), so rows differ only in what the row names. Takes about 8 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
train=${1:-build/themes/train.jsonl}
bin=build/bin/chude-train
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
run() {
  local name=$1; shift
  "$bin" -i "$train" --cv 5 -q --threads 1 --ngrams 2 --min-df 3 --max-features 100000 --calibration-folds 5 --seed 1 \
         --report "$tmp" "$@" >/dev/null
  /usr/bin/python3 - "$name" "$tmp" <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
mins = min(v['f1'] for v in r['labels'].values())
print('%-36s micro-F1 %.4f  macro-F1 %.4f  min-F1 %.4f' % (sys.argv[1], r['micro']['f1'], r['macro']['f1'], mins), flush=True)
PY
}
echo "# $(date -u +%Y-%m-%d) $(uname -m) $(nproc) cores; $(wc -l < "$train") labeled texts"
run "C=0.5, no second block"              -c 0.5 --title-weight 0
run "C=1, no second block"                -c 1 --title-weight 0
run "C=1, title block 0.3"                -c 1 --title-weight 0.3
run "C=1, title block 1"                  -c 1 --title-weight 1
run "C=1, lead 150 weight 1.5"            -c 1 --title-weight 1.5 --lead 150
run "C=1, lead 300 weight 1"              -c 1 --title-weight 1 --lead 300
run "C=1, lead 300 weight 1.5 (shipped)"  -c 1 --title-weight 1.5 --lead 300
run "C=0.5, lead 300 weight 1.5"          -c 0.5 --title-weight 1.5 --lead 300
run "C=1, lead 300 weight 2"              -c 1 --title-weight 2 --lead 300
run "C=1, lead 600 weight 1.5"            -c 1 --title-weight 1.5 --lead 600
run "C=1, lead 300 weight 1.5, balanced"  -c 1 --title-weight 1.5 --lead 300 --balanced
run "C=1, lead 300 weight 1.5, 3-grams"   -c 1 --title-weight 1.5 --lead 300 --ngrams 3
