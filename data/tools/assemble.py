#!/usr/bin/env python3
"""Assembles the theme training set: data/labels/themes.jsonl (ids and themes) joined with
the texts in ../shared/data, written as JSONL {"id", "text", "labels"} for chude-train.
The output holds corpus texts: write it outside the repository (e.g. build/).
A text that repeats an earlier one word for word (same syllables after NFC and lower-casing;
TC201805 publishes some items twice) is written once, so that cross-validation never tests a
text on its own copy; copies whose labels differ are an error (settle them in adjudicated.tsv).

Usage: assemble.py SHARED_DATA_DIR LABELS_JSONL OUT.jsonl"""
import json, re, sys, unicodedata
from candidates import iter_shared

WORD = re.compile(r'\w+')

def same_text_key(text):
    return ' '.join(WORD.findall(unicodedata.normalize('NFC', text).lower()))

def main():
    shared, labels, out = sys.argv[1:4]
    want = {}
    for line in open(labels, encoding='utf-8'):
        r = json.loads(line)
        want[r['id']] = r['themes']
    n = copies = 0
    first = {}      # same_text_key -> id written
    conflicts = []
    with open(out, 'w', encoding='utf-8') as f:
        for _, d in iter_shared(shared):
            if d['id'] not in want:
                continue
            n += 1
            key = same_text_key(d['text'])
            if key in first:
                copies += 1
                if sorted(want[first[key]]) != sorted(want[d['id']]):
                    conflicts.append('%s %s vs %s %s' % (first[key], want[first[key]], d['id'], want[d['id']]))
                continue
            first[key] = d['id']
            f.write(json.dumps({'id': d['id'], 'text': d['text'], 'labels': want[d['id']]}, ensure_ascii=False) + '\n')
    missing = len(want) - n
    print('assembled %d documents (%d labeled ids not found; %d word-for-word copies written once)'
          % (n - copies, missing, copies), file=sys.stderr)
    for c in conflicts:
        print('copies of one text labeled differently: %s' % c, file=sys.stderr)
    if missing or conflicts:
        sys.exit(1)

if __name__ == '__main__':
    main()
