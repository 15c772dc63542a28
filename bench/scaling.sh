#!/usr/bin/env bash
# Training time against corpus size for every engine chude uses: liblinear (default),
# libsvm with a linear kernel and libsvm with an RBF kernel, at 1k, 3k, 10k and 34k VNTC
# documents (first N of a fixed shuffle), 1 thread, no calibration folds (one fit per label).
# A run over CAP seconds (default 900) is stopped and reported as "> CAP".
# Writes bench/results/scaling-DATE.csv and .svg (log-log plot).
# Usage: bench/scaling.sh [SHARED_DIR] [CAP_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}; cap=${2:-900}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$shared/data/vntc/train.jsonl.gz" "$work" <<'PY'
import gzip, hashlib, sys
rows = sorted(gzip.open(sys.argv[1], 'rt', encoding='utf-8'), key=lambda l: hashlib.md5(l.encode()).hexdigest())
for n in (1000, 3000, 10000, len(rows)):
    open('%s/n%d.jsonl' % (sys.argv[2], min(n, len(rows))), 'w', encoding='utf-8').writelines(rows[:n])
PY
out=bench/results/scaling-$(date -u +%Y-%m-%d)
echo "engine,documents,seconds" > "$out.csv"
for f in $(ls "$work"/n*.jsonl | sort -V); do
  n=$(wc -l < "$f")
  for e in "liblinear:--engine liblinear" "libsvm-linear:--engine libsvm" "libsvm-rbf:--engine libsvm --kernel rbf"; do
    name=${e%%:*}; opts=${e#*:}
    if grep -q "^$name,.*,>" "$out.csv"; then echo "$name,$n,>$cap" >> "$out.csv"; continue; fi
    t0=$(date +%s%N)
    if timeout "$cap" build/bin/chude-train -q -i "$f" -o "$work/m.chude" --threads 1 --calibration-folds 0 $opts; then
      echo "$name,$n,$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN{printf "%.2f", (b-a)/1e9}')" >> "$out.csv"
    else
      echo "$name,$n,>$cap" >> "$out.csv"
    fi
    tail -1 "$out.csv"
  done
done
/usr/bin/python3 - "$out.csv" "$out.svg" <<'PY'
import csv, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
W, H, L, B = 640, 420, 70, 50
xs = [int(r['documents']) for r in rows]
ys = [float(r['seconds'].lstrip('>')) for r in rows]
x0, x1 = math.log10(min(xs)) - 0.1, math.log10(max(xs)) + 0.1
y0, y1 = math.log10(max(min(ys), 0.1)) - 0.2, math.log10(max(ys)) + 0.2
X = lambda v: L + (math.log10(v) - x0) / (x1 - x0) * (W - L - 20)
Y = lambda v: H - B - (math.log10(max(v, 0.1)) - y0) / (y1 - y0) * (H - B - 20)
colors = {'liblinear': '#1b9e77', 'libsvm-linear': '#d95f02', 'libsvm-rbf': '#7570b3'}
svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">' % (W, H),
       '<rect width="100%" height="100%" fill="white"/>',
       '<text x="%d" y="16">chude-train time vs documents (VNTC, 1 thread, log-log)</text>' % L,
       '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>' % (L, H - B, W - 20, H - B),
       '<line x1="%d" y1="20" x2="%d" y2="%d" stroke="black"/>' % (L, L, H - B)]
for v in sorted(set(xs)):
    svg.append('<text x="%.0f" y="%d" text-anchor="middle">%d</text>' % (X(v), H - B + 16, v))
for e in (0.1, 1, 10, 100, 1000, 10000):
    if y0 <= math.log10(e) <= y1:
        svg.append('<text x="%d" y="%.0f" text-anchor="end">%gs</text>' % (L - 6, Y(e) + 4, e))
for k, (name, c) in enumerate(colors.items()):
    pts = [(int(r['documents']), float(r['seconds'].lstrip('>')), r['seconds'].startswith('>')) for r in rows if r['engine'] == name]
    if pts:
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (c, ' '.join('%.1f,%.1f' % (X(a), Y(b)) for a, b, _ in pts)))
        for a, b, capped in pts:
            svg.append('<circle cx="%.1f" cy="%.1f" r="4" fill="%s"/>' % (X(a), Y(b), 'white' if capped else c))
    svg.append('<text x="%d" y="%d" fill="%s">%s</text>' % (L + 10, 36 + 16 * k, c, name))
svg.append('<text x="%d" y="%d">open circles: stopped at the time cap</text>' % (L + 10, 36 + 16 * 3))
svg.append('</svg>')
open(sys.argv[2], 'w').write('\n'.join(svg))
PY
echo "wrote $out.csv and $out.svg"
