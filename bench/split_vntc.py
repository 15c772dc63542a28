#!/usr/bin/env python3
"""Writes the benchmark split of VNTC train: train/dev JSONL, fastText files, and all texts
(for throughput). Usage: split_vntc.py VNTC.jsonl.gz WORKDIR

Environment: VNTC_LIMIT=N keeps only N records of the shared file before splitting (default:
all), for cheap test runs. The shared file is sorted by label, so the N records are the first N
in md5(id) order (a fixed pseudo-random order; a plain head would be a single label); they are
written in their original file order and split by the same dev rule as a full run."""
import gzip, hashlib, json, os, sys, re
src, work = sys.argv[1], sys.argv[2]
limit = os.environ.get('VNTC_LIMIT', '').strip().lower()
limit = None if limit in ('', 'all', '0') else int(limit)
def ft_text(t):   # fastText wants one line; same light preprocessing as its own examples
    return re.sub(r'\s+', ' ', t.lower()).strip()
def records():
    with gzip.open(src, 'rt', encoding='utf-8') as f:
        if limit is None:
            for line in f:
                yield line, json.loads(line)
            return
        rows = [(line, json.loads(line)) for line in f]
    keep = set(sorted(range(len(rows)), key=lambda i: hashlib.md5(rows[i][1]['id'].encode()).hexdigest())[:limit])
    for i, r in enumerate(rows):
        if i in keep:
            yield r
with open(os.path.join(work, 'train.jsonl'), 'w', encoding='utf-8') as tr, \
     open(os.path.join(work, 'dev.jsonl'), 'w', encoding='utf-8') as dv, \
     open(os.path.join(work, 'train.ft'), 'w', encoding='utf-8') as trf, \
     open(os.path.join(work, 'dev.ft'), 'w', encoding='utf-8') as dvf, \
     open(os.path.join(work, 'all.jsonl'), 'w', encoding='utf-8') as al, \
     open(os.path.join(work, 'all.ft'), 'w', encoding='utf-8') as alf:
    for line, d in records():
        dev = int(hashlib.md5(d['id'].encode()).hexdigest()[8:16], 16) % 10 == 0
        (dv if dev else tr).write(line)
        lab = '__label__' + d['label'].replace(' ', '_')
        (dvf if dev else trf).write('%s %s\n' % (lab, ft_text(d['text'])))
        al.write(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n')
        alf.write(ft_text(d['text']) + '\n')
