#!/usr/bin/env python3
"""Out-of-fold theme scores for every labeled text: 5 folds by md5("oof" + id); each fold is
scored by a model trained with chude-train on the other four with the given settings. Used by
audit.py to choose which labels are read a second time.
Usage: oof_scores.py TRAIN.jsonl CHUDE_BIN_DIR WORKDIR OUT.json [chude-train settings...]"""
import json, sys
from heldout import out_of_fold
train, bindir, work, outp, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows = [json.loads(l) for l in open(train, encoding='utf-8')]
scores = {i: r['scores'] for i, r in out_of_fold(rows, bindir, work, 'oof', settings, all_scores=True).items()}
json.dump(scores, open(outp, 'w', encoding='utf-8'), sort_keys=True)
print('scored %d texts' % len(scores), file=sys.stderr)
