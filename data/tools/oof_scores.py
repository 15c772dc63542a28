#!/usr/bin/env python3
"""Out-of-fold theme scores for every labeled text: 5 folds by md5("oof" + id); each fold is
scored by a model trained with chude-train on the other four with the given settings. Used by
audit.py to choose which labels are read a second time.
Usage: oof_scores.py TRAIN.jsonl CHUDE_BIN_DIR WORKDIR OUT.json [chude-train settings...]"""
import hashlib, json, os, subprocess, sys
train, bindir, work, outp, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
rows = [json.loads(l) for l in open(train, encoding='utf-8')]
fold = lambda i: int(hashlib.md5(('oof' + i).encode()).hexdigest()[:8], 16) % 5
tr, te, m = (os.path.join(work, n) for n in ('oof-train.jsonl', 'oof-test.jsonl', 'oof.chude'))
scores = {}
for k in range(5):
    with open(tr, 'w', encoding='utf-8') as f:
        for r in rows:
            if fold(r['id']) != k: f.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open(te, 'w', encoding='utf-8') as f:
        for r in rows:
            if fold(r['id']) == k: f.write(json.dumps({'id': r['id'], 'text': r['text']}, ensure_ascii=False) + '\n')
    subprocess.run([os.path.join(bindir, 'chude-train'), '-i', tr, '-o', m, '-q', '--threads', '1'] + settings, check=True)
    out = subprocess.run([os.path.join(bindir, 'chude-classify'), '-m', m, '--jsonl', '--all-scores', '-t', '1'],
                         stdin=open(te, 'rb'), capture_output=True, check=True).stdout.decode().splitlines()
    for line in out:
        r = json.loads(line)
        scores[r['id']] = r['scores']
json.dump(scores, open(outp, 'w', encoding='utf-8'), sort_keys=True)
print('scored %d texts' % len(scores), file=sys.stderr)
