#!/usr/bin/env python3
"""Writes the benchmark split of VNTC train: train/dev JSONL, fastText files, and all texts
(for throughput). Usage: split_vntc.py VNTC.jsonl.gz WORKDIR"""
import gzip, hashlib, json, os, sys, re
src, work = sys.argv[1], sys.argv[2]
def ft_text(t):   # fastText wants one line; same light preprocessing as its own examples
    return re.sub(r'\s+', ' ', t.lower()).strip()
with gzip.open(src, 'rt', encoding='utf-8') as f, \
     open(os.path.join(work, 'train.jsonl'), 'w', encoding='utf-8') as tr, \
     open(os.path.join(work, 'dev.jsonl'), 'w', encoding='utf-8') as dv, \
     open(os.path.join(work, 'train.ft'), 'w', encoding='utf-8') as trf, \
     open(os.path.join(work, 'dev.ft'), 'w', encoding='utf-8') as dvf, \
     open(os.path.join(work, 'all.jsonl'), 'w', encoding='utf-8') as al, \
     open(os.path.join(work, 'all.ft'), 'w', encoding='utf-8') as alf:
    for line in f:
        d = json.loads(line)
        dev = int(hashlib.md5(d['id'].encode()).hexdigest()[8:16], 16) % 10 == 0
        (dv if dev else tr).write(line)
        lab = '__label__' + d['label'].replace(' ', '_')
        (dvf if dev else trf).write('%s %s\n' % (lab, ft_text(d['text'])))
        al.write(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n')
        alf.write(ft_text(d['text']) + '\n')
