#!/usr/bin/env bash
# chude's dual coordinate descent solver against liblinear's train() (-s 1) on identical rows:
# TF-IDF 1-2-gram features of the VNTC training file (scikit-learn's vectorizer, so both
# solvers read the very same numbers), one label against the rest, in one process.
# Needs liblinear-dev and python3-sklearn (Debian). Prints the table of bench/dcd_vs_liblinear.c.
# Usage: bench/dcd_vs_liblinear.sh [SHARED_DIR] [EPS] > bench/results/dcd-vs-liblinear-DATE.txt
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
eps=${2:-0.1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc -O2 -std=gnu11 -Wall -Wextra -Isrc bench/dcd_vs_liblinear.c src/svm_dcd.c -llinear -lm -o "$work/bench"
/usr/bin/python3 - "$shared/data/vntc/train.jsonl.gz" "$work/train.svm" <<'PY'
import gzip, json, sys
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.datasets import dump_svmlight_file
texts, labels = [], []
for line in gzip.open(sys.argv[1], "rt", encoding="utf-8"):
    r = json.loads(line)
    texts.append(r["text"]); labels.append(r["label"])
names = sorted(set(labels))
X = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2).fit_transform(texts)
dump_svmlight_file(X, [names.index(l) + 1 for l in labels], sys.argv[2], zero_based=False)
PY
echo "# $(date -u +%F) $(uname -m) $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); VNTC train file, all documents"
"$work/bench" "$work/train.svm" "$eps"
