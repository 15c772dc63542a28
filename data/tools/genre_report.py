#!/usr/bin/env python3
"""Per-genre cross-validated figures for the theme model: every labeled text is classified by
a model trained without it (5 folds by md5("genre" + id), chude-train with the given settings,
chude-classify with the thresholds that model chose itself), then precision, recall and F1 are
counted separately for the short items (tc201805: title + summary) and the full articles
(vietnews, vntc). Prints Markdown for models/themes.md.
Usage: genre_report.py TRAIN.jsonl WORKDIR CHUDE_BIN_DIR [chude-train settings...]"""
import json, sys
from heldout import out_of_fold

GENRES = (('short items (tc201805: title + summary)', ('tc201805',)),
          ('full articles (vietnews, vntc)', ('vietnews', 'vntc')))

def counts(pairs, themes):
    """pairs: (wanted set, got set) per text -> {theme: [tp, fp, fn]}."""
    c = {t: [0, 0, 0] for t in themes}
    for want, got in pairs:
        for t in themes:
            c[t][0] += t in want and t in got
            c[t][1] += t in got and t not in want
            c[t][2] += t in want and t not in got
    return c

def f1(tp, fp, fn):
    return 2.0 * tp / max(1, 2 * tp + fp + fn)

def main():
    train, work, bindir, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    rows = [json.loads(l) for l in open(train, encoding='utf-8')]
    got = {i: {x['label'] for x in r['labels']} for i, r in out_of_fold(rows, bindir, work, 'genre', settings).items()}
    themes = sorted({t for r in rows for t in r['labels']})
    print('## By genre (5-fold cross-validation, thresholds as each fold\'s model chose them)\n')
    print('| genre | texts | with a theme | theme labels | precision | recall | micro-F1 | macro-F1 | exact set |')
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    per_theme = {}
    for name, sources in GENRES:
        sel = [r for r in rows if r['id'].split('/')[0] in sources]
        pairs = [(set(r['labels']), got[r['id']]) for r in sel]
        c = counts(pairs, themes)
        per_theme[name] = c
        tp, fp, fn = (sum(v[i] for v in c.values()) for i in range(3))
        present = [t for t in themes if c[t][0] + c[t][2] > 0]
        macro = sum(f1(*c[t]) for t in present) / max(1, len(present))
        exact = sum(w == g for w, g in pairs) / max(1, len(pairs))
        print('| %s | %d | %d | %d | %.3f | %.3f | **%.3f** | %.3f | %.1f%% |'
              % (name, len(sel), sum(1 for w, _ in pairs if w), tp + fn, tp / max(1, tp + fp), tp / max(1, tp + fn),
                 f1(tp, fp, fn), macro, 100.0 * exact))
    print('\nPer theme, F1 (positives in brackets):\n')
    print('| theme | ' + ' | '.join(n.split(' (')[0] for n, _ in GENRES) + ' |')
    print('|---|' + '---:|' * len(GENRES))
    for t in themes:
        cells = []
        for name, _ in GENRES:
            tp, fp, fn = per_theme[name][t]
            cells.append('%.3f (%d)' % (f1(tp, fp, fn), tp + fn) if tp + fn else '– (0)')
        print('| %s | %s |' % (t, ' | '.join(cells)))
    print()

if __name__ == '__main__':
    main()
