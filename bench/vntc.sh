#!/usr/bin/env bash
# VNTC benchmark: chude vs scikit-learn (TF-IDF 1-2 grams + LinearSVC) vs fastText (defaults),
# on one deterministic split of ../shared/data/vntc/train.jsonl.gz (dev = md5(id) hex digits
# 9-16 mod 10 == 0, about 10%), all in the same run on the same machine.
# Prints a Markdown table (accuracy, macro-F1, training time, classification time and docs/s,
# peak RSS, model size). Usage: bench/vntc.sh [SHARED_DIR] > bench/results/vntc-DATE.md
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$py bench/split_vntc.py "$shared/data/vntc/train.jsonl.gz" "$work"
measure() {   # measure NAME CMD... : wall seconds and peak RSS (MB) into $work/NAME.time
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@"
}
echo "# VNTC benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
echo "train: $(wc -l < "$work/train.jsonl") docs, dev: $(wc -l < "$work/dev.jsonl") docs (same split for every tool)"
echo
# chude
measure chude_train build/bin/chude-train -q -i "$work/train.jsonl" -o "$work/chude.model" --threads 2
measure chude_eval build/bin/chude-classify -m "$work/chude.model" --eval "$work/dev.jsonl" -f json > "$work/chude.eval.json"
measure chude_predict build/bin/chude-classify -m "$work/chude.model" --jsonl -t 2 < "$work/all.jsonl" > "$work/chude.pred"
measure chude_predict1 build/bin/chude-classify -m "$work/chude.model" --jsonl -t 1 < "$work/all.jsonl" > "$work/chude.pred1"
cmp -s "$work/chude.pred" "$work/chude.pred1" || echo "WARNING: 1- and 2-thread outputs differ"
# scikit-learn
measure sk_train $py bench/sklearn_vntc.py train "$work" > "$work/sk.eval.json"
# fastText
if command -v fasttext >/dev/null; then
  measure ft_train fasttext supervised -input "$work/train.ft" -output "$work/ft" -verbose 0
  fasttext test "$work/ft.bin" "$work/dev.ft" > /dev/null
  measure ft_predict fasttext predict "$work/ft.bin" "$work/all.ft" > "$work/ft.pred"
  fasttext predict "$work/ft.bin" "$work/dev.ft" > "$work/ft.dev.pred"
fi
$py bench/report_vntc.py "$work"
