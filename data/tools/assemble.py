#!/usr/bin/env python3
"""Assembles the theme training set: data/labels/themes.jsonl (ids and themes) joined with
the texts in ../shared/data, written as JSONL {"id", "text", "labels"} for chude-train.
The output holds corpus texts: write it outside the repository (e.g. build/).

Usage: assemble.py SHARED_DATA_DIR LABELS_JSONL OUT.jsonl"""
import json, sys
from candidates import iter_shared

def main():
    shared, labels, out = sys.argv[1:4]
    want = {}
    for line in open(labels, encoding='utf-8'):
        r = json.loads(line)
        want[r['id']] = r['themes']
    n = 0
    with open(out, 'w', encoding='utf-8') as f:
        for _, d in iter_shared(shared):
            if d['id'] in want:
                f.write(json.dumps({'id': d['id'], 'text': d['text'], 'labels': want[d['id']]}, ensure_ascii=False) + '\n')
                n += 1
    missing = len(want) - n
    print('assembled %d documents (%d labeled ids not found)' % (n, missing), file=sys.stderr)
    if missing:
        sys.exit(1)

if __name__ == '__main__':
    main()
