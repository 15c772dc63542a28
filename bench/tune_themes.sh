#!/usr/bin/env bash
# Chooses the theme model's settings by 5-fold cross-validation on the labeled theme corpus.
# Usage: bench/tune_themes.sh [TRAIN.jsonl] (default build/themes/train.jsonl, made by
# models/build-themes.sh). Prints one line per setting: micro-F1, macro-F1, min per-theme F1.
set -euo pipefail
cd "$(dirname "$0")/.."
train=${1:-build/themes/train.jsonl}
bin=build/bin/chude-train
run() {
  local name=$1; shift
  "$bin" -i "$train" --cv 5 -q --threads 2 --report /tmp/tune.$$.json "$@" >/dev/null
  /usr/bin/python3 - "$name" /tmp/tune.$$.json <<'PY'
import json, sys
r = json.load(open(sys.argv[2]))
mins = min(v['f1'] for v in r['labels'].values())
print('%-34s micro-F1 %.4f  macro-F1 %.4f  min-F1 %.4f' % (sys.argv[1], r['micro']['f1'], r['macro']['f1'], mins))
PY
}
echo "# $(date -u +%Y-%m-%d) $(uname -m) $(nproc) cores; $(wc -l < "$train") labeled texts"
run "C=0.5 (default)"
run "C=1" -c 1
run "C=0.25" -c 0.25
run "C=0.5 balanced" --balanced
run "C=1 balanced" -c 1 --balanced
run "C=0.5 ngrams=3" --ngrams 3
run "C=0.5 ngrams=1" --ngrams 1
run "C=0.5 min-df=3" --min-df 3
run "C=0.5 calibration-folds=5" --calibration-folds 5
run "C=0.5 balanced calib=5" --balanced --calibration-folds 5
