#!/usr/bin/env python3
"""Active-learning selection (round 3 on): from chude-classify --jsonl --all-scores output over
the unlabeled texts of ../shared/data, picks for each theme the items the current model
scores highest (likely positives the retrieval missed) and the items nearest 0.5 (least
sure), skipping ids already labeled. Writes labeling batches with clipped texts.

From round 5 on, --random N also mixes in N texts drawn at random from the unlabeled texts of
the three corpora (13:6:3 TC201805 : vietnews : VNTC, as in round 1) and appends their ids to
the random-draws file, so the count of random no-theme items keeps growing honestly.

Usage: active.py SHARED_DATA_DIR SCORES.jsonl LABELS.jsonl OUT_DIR FIRST_BATCH NBATCHES
                 [--quota THEME=N,...] [--unsure N] [--seed S] [--random N --draws FILE]"""
import json, os, random, sys
from candidates import iter_shared, option, write_batches

QUOTA_TOP = {'nghi-quyet-tw4': 120, 'dan-chu-co-so': 140, 'hoc-tap-lam-theo-bac': 40, 'ky-luat-ky-cuong': 60,
             'nguoi-dung-dau': 70, 'chi-dao-dieu-hanh': 50, 'tiep-cong-dan': 40}
QUOTA_UNSURE = 25

def main():
    shared, scores, labels, out, first, nb = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
    done = {json.loads(l)['id'] for l in open(labels, encoding='utf-8')}
    quota_top = dict(QUOTA_TOP)
    if '--quota' in sys.argv:
        quota_top = {k: int(v) for k, v in (x.split('=') for x in option('--quota', '').split(','))}
    quota_unsure = int(option('--unsure', QUOTA_UNSURE))
    seed = int(option('--seed', 20261125))
    n_random = int(option('--random', 0))
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
            if k >= quota_top.get(t, 0):
                break
            if i not in seen:
                seen.add(i); chosen.append(i); k += 1
        unsure = sorted(lst, key=lambda x: abs(x[0] - 0.5))
        k = 0
        for s, i in unsure:
            if k >= quota_unsure:
                break
            if i not in seen:
                seen.add(i); chosen.append(i); k += 1
    rng = random.Random(seed)
    if n_random:
        pools = {}
        for rel, d in iter_shared(shared):
            if d['id'] not in done and d['id'] not in seen:
                pools.setdefault(rel.split('/')[0], []).append(d['id'])
        share = {'tc201805': 13, 'vietnews': 6, 'vntc': 3}
        drawn = []
        for src in sorted(share):
            drawn += rng.sample(pools[src], round(n_random * share[src] / 22))
        with open(option('--draws', 'random-draws.txt'), 'a', encoding='utf-8') as f:
            f.writelines(i + '\n' for i in drawn)
        chosen += drawn
    rng.shuffle(chosen)
    write_batches(shared, chosen, out, first, nb)
    print('selected', len(chosen), file=sys.stderr)

if __name__ == '__main__':
    main()
