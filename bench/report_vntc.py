#!/usr/bin/env python3
"""Formats bench/vntc.sh's measurements as a Markdown table with chude's ratio to the best peer."""
import json, os, sys
from sklearn.metrics import accuracy_score, f1_score
w = sys.argv[1]
def tm(n):
    p = os.path.join(w, n + '.time')
    if not os.path.exists(p): return None, None
    e, m = open(p).read().split()[-2:]
    return float(e), int(m) / 1024
n_all = sum(1 for _ in open(os.path.join(w, 'all.jsonl')))
mb_all = os.path.getsize(os.path.join(w, 'all.jsonl')) / 1e6
rows = []
ce = json.load(open(os.path.join(w, 'chude.eval.json')))
ct, cm = tm('chude_train'); cp, cpm = tm('chude_predict'); le, lm = tm('chude_eval')
rows.append(('chude (liblinear, 1-2 grams, 2 threads)', ce['accuracy'], ce['macro']['f1'], ct, cp, max(cm, cpm), os.path.getsize(os.path.join(w, 'chude.model'))))
cp1, cpm1 = tm('chude_predict1')
sk = json.load(open(os.path.join(w, 'sk.eval.json')))
st, sm = tm('sk_train')
rows.append(('scikit-learn TF-IDF 1-2 + LinearSVC', sk['accuracy'], sk['macro_f1'], sk['train_s'], sk['predict_s'], sm, sk['model_bytes']))
if os.path.exists(os.path.join(w, 'ft.bin')):
    gold = [l.split(' ', 1)[0] for l in open(os.path.join(w, 'dev.ft'), encoding='utf-8')]
    pred = [l.strip() for l in open(os.path.join(w, 'ft.dev.pred'), encoding='utf-8')]
    ftt, ftm = tm('ft_train'); ftp, ftpm = tm('ft_predict')
    rows.append(('fastText supervised (defaults)', accuracy_score(gold, pred), f1_score(gold, pred, average='macro'), ftt, ftp, max(ftm, ftpm), os.path.getsize(os.path.join(w, 'ft.bin'))))
print('| tool | accuracy | macro-F1 | training (s) | classify %d docs (s) | docs/s | MB/s | peak RSS (MB) | model (MB) |' % n_all)
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
for r in rows:
    print('| %s | %.2f%% | %.2f | %.1f | %.1f | %.0f | %.1f | %.0f | %.1f |' % (r[0], 100 * r[1], 100 * r[2], r[3], r[4], n_all / r[4], mb_all / r[4], r[5], r[6] / 1e6))
c = rows[0]
peers = rows[1:]
print()
print('chude vs best peer: accuracy %+.2f pts, macro-F1 %+.2f pts, training time x%.2f, classification speed x%.2f, model size x%.2f' % (
    100 * (c[1] - max(p[1] for p in peers)), 100 * (c[2] - max(p[2] for p in peers)),
    c[3] / min(p[3] for p in peers), min(p[4] for p in peers) / c[4], c[6] / min(p[6] for p in peers)))
print()
print('Classification throughput, end to end over all %d texts (%.0f MB):' % (n_all, mb_all))
print()
print('| classifier | threads | seconds | docs/s | MB/s | ratio to fastText predict |')
print('|---|---:|---:|---:|---:|---:|')
ftp_s = tm('ft_predict')[0]
for name, th, sec in [('chude-classify --jsonl', 1, cp1), ('chude-classify --jsonl', 2, cp), ('fastText predict', 'its default', ftp_s)]:
    if sec:
        print('| %s | %s | %.1f | %.0f | %.1f | %s |' % (name, th, sec, n_all / sec, mb_all / sec, ('x%.2f' % (ftp_s / sec)) if ftp_s else '-'))
print()
print('Notes: training times are wall-clock of the whole command (chude: reading, normalizing, features, 10 labels x 4 fits for calibration);')
print('scikit-learn times are fit()/predict() only, inside one Python process (peak RSS covers the whole script);')
print('classification is end to end from JSONL (chude) or one-line text (fastText) over all %d texts (%.0f MB).' % (n_all, mb_all))
