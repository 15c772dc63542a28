#!/usr/bin/env python3
"""Active-learning selection (round 3 on): from chude-classify --jsonl --all-scores output over
the unlabeled texts of ../shared/data, picks for each theme the items the current model
scores highest (likely positives the retrieval missed) and the items nearest 0.5 (least
sure), skipping ids already labeled. Writes labeling batches with clipped texts.

Usage: active.py SHARED_DATA_DIR SCORES.jsonl LABELS.jsonl OUT_DIR FIRST_BATCH NBATCHES"""
import json, os, random, sys
from candidates import clip, iter_shared

QUOTA_TOP = {'nghi-quyet-tw4': 120, 'dan-chu-co-so': 140, 'hoc-tap-lam-theo-bac': 40, 'ky-luat-ky-cuong': 60,
             'nguoi-dung-dau': 70, 'chi-dao-dieu-hanh': 50, 'tiep-cong-dan': 40}
QUOTA_UNSURE = 25

def main():
    shared, scores, labels, out, first, nb = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
    done = {json.loads(l)['id'] for l in open(labels, encoding='utf-8')}
    by = {}
    for line in open(scores, encoding='utf-8'):
        r = json.loads(line)
        if r.get('id') in done or 'scores' not in r:
            continue
        for t, s in r['scores'].items():
            by.setdefault(t, []).append((s, r['id']))
    chosen = []
    seen = set()
    for t, lst in sorted(by.items()):
        lst.sort(reverse=True)
        k = 0
        for s, i in lst:
            if k >= QUOTA_TOP.get(t, 0):
                break
            if i not in seen:
                seen.add(i); chosen.append(i); k += 1
        unsure = sorted(lst, key=lambda x: abs(x[0] - 0.5))
        k = 0
        for s, i in unsure:
            if k >= QUOTA_UNSURE:
                break
            if i not in seen:
                seen.add(i); chosen.append(i); k += 1
    want = set(chosen)
    texts = {}
    for rel, d in iter_shared(shared):
        if d['id'] in want:
            texts[d['id']] = clip(d['text'], 800 if rel.startswith('tc') else 1400)
    random.Random(20261125).shuffle(chosen)
    for b in range(nb):
        with open(os.path.join(out, 'batch_%02d.jsonl' % (first + b)), 'w', encoding='utf-8') as f:
            for i in chosen[b::nb]:
                f.write(json.dumps({'id': i, 'text': texts[i]}, ensure_ascii=False) + '\n')
    print('selected', len(chosen), file=sys.stderr)

if __name__ == '__main__':
    main()
