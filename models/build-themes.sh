#!/usr/bin/env bash
# Rebuilds the shipped theme model from scratch:
#   1. consolidates data/labels/round*/ (+ adjudicated.tsv) into data/labels/themes.jsonl,
#   2. joins the labels with the texts of ../shared/data into build/themes/train.jsonl
#      (corpus texts stay outside git),
#   3. measures the settings by 5-fold cross-validation (report in models/themes.md),
#   4. trains models/themes.chude on every labeled text with those settings,
#   5. measures false positives on no-theme texts and the figures per genre (short items, full articles).
# The same inputs give the same model file (one thread, fixed seed, fixed date).
# Usage: models/build-themes.sh [SHARED_DIR]   (default: ../shared beside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
py=/usr/bin/python3
bin=build/bin/chude-train
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build -j2" >&2; exit 2; }
mkdir -p build/themes
$py data/tools/labels.py "$shared/data" data > build/themes/labels-report.txt
$py data/tools/assemble.py "$shared/data" data/labels/themes.jsonl build/themes/train.jsonl
# Settings chosen with bench/tune_themes.sh (see models/themes.md).
# --lead 300: a second feature block for the first 300 syllables, the part of a full article
# the readers labeled from (its first ~1,400 characters, median 307 syllables).
# --max-features 100000: keeps the model under 10 MB (9.1 MB) at the same CV figures as all n-grams
# with min-df 3 (16.9 MB).
settings=(--ngrams 2 --min-df 3 --max-features 100000 -c 1 --title-weight 1.5 --lead 300 --calibration-folds 5 --seed 1)
export SOURCE_DATE_EPOCH=1795392000   # 2026-11-23T00:00:00Z: fixed, so rebuilds are identical
$bin -i build/themes/train.jsonl --cv 5 --threads 1 -q "${settings[@]}" --report build/themes/cv.json > build/themes/cv.txt
$bin -i build/themes/train.jsonl -o models/themes.chude --threads 1 -q "${settings[@]}" \
     --meta '{"name":"chude themes","taxonomy":"data/themes.tsv","labels":"data/labels/themes.jsonl"}'
$py data/tools/fp_rate.py build/themes/train.jsonl build/themes build/bin "${settings[@]}" > build/themes/no-theme-fp.txt
$py data/tools/genre_report.py build/themes/train.jsonl build/themes build/bin "${settings[@]}" > build/themes/genre.md
$py data/tools/themes_report.py build/themes/labels-report.txt build/themes/cv.json data/labels/themes.jsonl \
    "${settings[*]}" models/themes.chude > models/themes.md
echo "wrote models/themes.chude ($(stat -c %s models/themes.chude) bytes) and models/themes.md"
