#!/usr/bin/env python3
"""False-positive rate on texts labeled with no theme: holds out the texts whose
md5(id) % 5 == 0, trains on the rest with the given chude-train settings, and counts how many
held-out no-theme texts get any theme, split into random draws (data/labels/random-draws.txt:
sport, prices, crime, weather ... as they come) and texts retrieved by keywords or by the model,
and by source genre. Also gives precision and recall on the held-out random draws, the one
sample whose theme mix is that of the news itself. Prints Markdown for models/themes.md.
Usage: fp_rate.py TRAIN.jsonl WORKDIR CHUDE_BIN_DIR [chude-train settings...]"""
import hashlib, json, os, sys, collections
from heldout import train_and_classify
train, work, bindir, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows = [json.loads(l) for l in open(train, encoding='utf-8')]
held = lambda i: int(hashlib.md5(i.encode()).hexdigest()[8:16], 16) % 5 == 0   # not [:8]: ../shared withholds those
here = os.path.dirname(os.path.abspath(__file__))
random_ids = set(open(os.path.join(here, '..', 'labels', 'random-draws.txt'), encoding='utf-8').read().split())
truth = {r['id']: set(r['labels']) for r in rows}
test = [r for r in rows if held(r['id']) and (not r['labels'] or r['id'] in random_ids)]
out = train_and_classify([r for r in rows if not held(r['id'])], test, bindir, work, 'fp', settings)
by = collections.defaultdict(lambda: [0, 0])
kind = collections.defaultdict(lambda: [0, 0])
tp = fp = fn = 0
for r in out:
    got, want = {x['label'] for x in r['labels']}, truth[r['id']]
    if r['id'] in random_ids:
        tp += len(got & want); fp += len(got - want); fn += len(want - got)
    if want: continue
    g = r['id'].split('/')[0]
    by[g][1] += 1
    by[g][0] += bool(got)
    k = kind['random' if r['id'] in random_ids else 'retrieved']
    k[1] += 1
    k[0] += bool(got)
tot = [sum(v[0] for v in by.values()), sum(v[1] for v in by.values())]
pct = lambda v: 100.0 * v[0] / max(1, v[1])
print('## False positives on texts with no theme\n')
print('Held out: the labeled texts whose md5(id) hex digits 9-16 are 0 mod 5; the model was trained on the rest with the '
      'same settings. Of the %d held-out texts labeled with no theme, %d got a theme: **%.1f%%** '
      '(%s).\n' % (tot[1], tot[0], 100.0 * tot[0] / max(1, tot[1]),
                   ', '.join('%s %d/%d' % (g, v[0], v[1]) for g, v in sorted(by.items()))))
print('- random draws (news as it comes: sport, prices, crime, weather ...): %d of %d, **%.1f%%**;'
      % (kind['random'][0], kind['random'][1], pct(kind['random'])))
print('- texts retrieved by political keywords or by the model and judged off-theme by readers (harder '
      'than random news): %d of %d, %.1f%%.\n' % (kind['retrieved'][0], kind['retrieved'][1], pct(kind['retrieved'])))
print('On the held-out random draws (themes as often as in the news; %d theme labels in all) the model '
      'found %d of them and added %d wrong ones: precision %.3f, recall %.3f.\n'
      % (tp + fn, tp, fp, tp / max(1, tp + fp), tp / max(1, tp + fn)))
