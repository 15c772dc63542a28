#!/usr/bin/env python3
"""Out-of-fold theme scores for every labeled text: 5 folds by md5("oof" + id); each fold is
scored by a model trained with chude-train on the other four with the given settings. Used by
audit.py to choose which labels are read a second time.
Usage: oof_scores.py TRAIN.jsonl CHUDE_BIN_DIR WORKDIR OUT.json [chude-train settings...]"""
import hashlib, json, sys
from heldout import train_and_classify
train, bindir, work, outp, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows = [json.loads(l) for l in open(train, encoding='utf-8')]
fold = lambda i: int(hashlib.md5(('oof' + i).encode()).hexdigest()[:8], 16) % 5
scores = {}
for k in range(5):
    out = train_and_classify([r for r in rows if fold(r['id']) != k], [r for r in rows if fold(r['id']) == k],
                             bindir, work, 'oof', settings, all_scores=True)
    for r in out:
        scores[r['id']] = r['scores']
json.dump(scores, open(outp, 'w', encoding='utf-8'), sort_keys=True)
print('scored %d texts' % len(scores), file=sys.stderr)
