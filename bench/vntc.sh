#!/usr/bin/env bash
# VNTC benchmark: chude vs scikit-learn (TF-IDF 1-2 grams + LinearSVC), liblinear-train and
# libsvm svm-train (linear kernel) on the same TF-IDF features, and fastText (defaults and a
# tuned setting), on one deterministic split of ../shared/data/vntc/train.jsonl.gz (dev =
# md5(id) hex digits 9-16 mod 10 == 0, about 10%), all in the same run on the same machine.
# Prints a Markdown table (accuracy, macro-F1, training time, classification time and docs/s,
# peak RSS, model size) and chude's standing against the best peer in each column.
# Usage: bench/vntc.sh [SHARED_DIR] [JSON_OUT] > bench/results/vntc-DATE.md
#   JSON_OUT: optional path for every figure as JSON.
# Environment:
#   SVM_TRAIN_DOCS=N|all  svm-train fits the first N training docs in md5(id) order (default
#                         5000; all 30k takes ~50 minutes); it is evaluated on the full dev split
#                         and its speed is svm-predict over the dev split only.
#   VNTC_LIMIT=N          keep only N records of the shared file (first N in md5(id) order)
#                         before splitting; for cheap test runs (default: all).
#   FT_TUNED_ARGS=...     fastText options of the tuned row (default: -wordNgrams 2 -epoch 10
#                         -lr 0.5 -dim 100; adding -bucket 200000 shrinks its ~800 MB model)
set -euo pipefail
json_out=${2:-}; [[ -n $json_out && $json_out != /* ]] && json_out=$PWD/$json_out
cd "$(dirname "$0")/.."
shared=${1:-../shared}
py=/usr/bin/python3
export SVM_TRAIN_DOCS=${SVM_TRAIN_DOCS:-5000}
[[ $SVM_TRAIN_DOCS == all || $SVM_TRAIN_DOCS =~ ^[1-9][0-9]*$ ]] || { echo "SVM_TRAIN_DOCS must be a positive number or 'all'" >&2; exit 2; }
[[ -z ${VNTC_LIMIT:-} || $VNTC_LIMIT == all || $VNTC_LIMIT =~ ^[1-9][0-9]*$ ]] || { echo "VNTC_LIMIT must be a positive number or 'all'" >&2; exit 2; }
ft_tuned=${FT_TUNED_ARGS:-"-wordNgrams 2 -epoch 10 -lr 0.5 -dim 100"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
$py bench/split_vntc.py "$shared/data/vntc/train.jsonl.gz" "$work"
measure() {   # measure NAME CMD... : wall seconds and peak RSS (MB) into $work/NAME.time
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@"
}
echo "# VNTC benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
if [[ -n ${VNTC_LIMIT:-} && $VNTC_LIMIT != all ]]; then
  echo "**Test run: VNTC_LIMIT=$VNTC_LIMIT (first $VNTC_LIMIT records in md5(id) order only); figures are not comparable with full runs.**"
  echo
fi
echo "train: $(wc -l < "$work/train.jsonl") docs, dev: $(wc -l < "$work/dev.jsonl") docs (same split for every tool)"
echo
# chude
measure chude_train build/bin/chude-train -q -i "$work/train.jsonl" -o "$work/chude.model" --threads 2
measure chude_eval build/bin/chude-classify -m "$work/chude.model" --eval "$work/dev.jsonl" -f json > "$work/chude.eval.json"
measure chude_predict build/bin/chude-classify -m "$work/chude.model" --jsonl -t 2 < "$work/all.jsonl" > "$work/chude.pred"
measure chude_predict1 build/bin/chude-classify -m "$work/chude.model" --jsonl -t 1 < "$work/all.jsonl" > "$work/chude.pred1"
cmp -s "$work/chude.pred" "$work/chude.pred1" || echo "WARNING: 1- and 2-thread outputs differ"
# scikit-learn; also writes the shared TF-IDF features (train.svm, dev.svm, all.svm, train.sub.svm)
measure sk_train $py bench/sklearn_vntc.py train "$work" > "$work/sk.eval.json"
# liblinear-train on the same features: -s 1 (L2-regularized L2-loss SVC, dual), bias 1, default C
if [[ -x /usr/bin/liblinear-train && -x /usr/bin/liblinear-predict ]]; then
  measure ll_train liblinear-train -q -s 1 -B 1 "$work/train.svm" "$work/ll.model"
  liblinear-predict -q "$work/dev.svm" "$work/ll.model" "$work/ll.dev.pred"
  measure ll_predict liblinear-predict -q "$work/all.svm" "$work/ll.model" "$work/ll.pred"
fi
# libsvm svm-train, linear kernel, default C, on the first SVM_TRAIN_DOCS training docs;
# speed: svm-predict over the dev split only
if [[ -x /usr/bin/svm-train && -x /usr/bin/svm-predict ]]; then
  svm_in=$work/train.sub.svm; [[ $SVM_TRAIN_DOCS == all ]] && svm_in=$work/train.svm
  measure svm_train svm-train -q -t 0 "$svm_in" "$work/svm.model"
  measure svm_predict svm-predict -q "$work/dev.svm" "$work/svm.model" "$work/svm.dev.pred"
fi
# fastText, defaults and tuned
if command -v fasttext >/dev/null; then
  measure ft_train fasttext supervised -input "$work/train.ft" -output "$work/ft" -verbose 0
  measure ft_predict fasttext predict "$work/ft.bin" "$work/all.ft" > "$work/ft.pred"
  fasttext predict "$work/ft.bin" "$work/dev.ft" > "$work/ft.dev.pred"
  # shellcheck disable=SC2086
  measure ftt_train fasttext supervised -input "$work/train.ft" -output "$work/ftt" -verbose 0 $ft_tuned
  measure ftt_predict fasttext predict "$work/ftt.bin" "$work/all.ft" > "$work/ftt.pred"
  fasttext predict "$work/ftt.bin" "$work/dev.ft" > "$work/ftt.dev.pred"
  echo "$ft_tuned" > "$work/ftt.args"
fi
$py bench/report_vntc.py "$work" ${json_out:+"$json_out"}
