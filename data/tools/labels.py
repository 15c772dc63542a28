#!/usr/bin/env python3
"""Consolidates the raw labeling rounds in data/labels/round*/ into data/labels/themes.jsonl,
measures agreement on the items labeled twice (Cohen's kappa per theme), and writes the
disagreements for adjudication.

Raw files are `helper_NN.tsv` (id<TAB>themes) written by one labeler each; lines whose id is
not in ../shared/data are dropped (typos), and a later line for the same id in the same file
replaces an earlier one. Adjudicated items (data/labels/adjudicated.tsv) override both votes.

Usage: labels.py SHARED_DATA_DIR REPO_DATA_DIR [--disagreements OUT.tsv]"""
import json, os, sys, glob, collections
from candidates import iter_shared

def known_ids(shared):
    return {d['id'] for _, d in iter_shared(shared)}

def read_tsv(path):
    out = collections.OrderedDict()
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if not line.strip():
            continue
        i, _, t = line.partition('\t')
        out[i.strip()] = sorted(x.strip() for x in t.split(',') if x.strip())
    return out

def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)

def main():
    shared, repo = sys.argv[1], sys.argv[2]
    themes = [l.split('\t')[0] for l in open(os.path.join(repo, 'themes.tsv'), encoding='utf-8').read().splitlines()[1:] if l]
    ids = known_ids(shared)
    votes = collections.defaultdict(list)   # id -> [(labeler, round, themes)]
    for path in sorted(glob.glob(os.path.join(repo, 'labels', 'round*', '*.tsv'))):
        rnd = int(os.path.basename(os.path.dirname(path))[5:])
        who = os.path.basename(path)[:-4].replace('BATCHNO', '00')
        for i, t in read_tsv(path).items():
            bad = [x for x in t if x not in themes]
            if i not in ids and not i.startswith('seeds/'):
                print('dropped unknown id %s in %s' % (i, path), file=sys.stderr); continue
            if bad:
                print('dropped unknown theme %s for %s in %s' % (bad, i, path), file=sys.stderr); continue
            votes[i].append((who, rnd, t))
    adj = {}
    ap = os.path.join(repo, 'labels', 'adjudicated.tsv')
    if os.path.exists(ap):
        adj = read_tsv(ap)
    # the blind second reading of the label audit (data/labels/audit/, see audit.py): recorded
    # per item, not counted in the round-1 agreement figures
    second, third = {}, {}
    for path in sorted(glob.glob(os.path.join(repo, 'labels', 'audit', 'helper_*.tsv'))):
        second.update(read_tsv(path))
    tp = os.path.join(repo, 'labels', 'audit', 'third-reading.tsv')
    if os.path.exists(tp):
        third = read_tsv(tp)
    double = {i: v for i, v in votes.items() if len(v) >= 2}
    report = []
    dis = []
    for th in themes:
        a = [th in v[0][2] for v in double.values()]
        b = [th in v[1][2] for v in double.values()]
        report.append((th, sum(a) + sum(b), kappa(a, b) if double else float('nan'), sum(x != y for x, y in zip(a, b))))
    for i, v in double.items():
        if v[0][2] != v[1][2]:
            dis.append((i, v[0][2], v[1][2]))
    out = []
    for i, v in sorted(votes.items()):
        if i in adj:
            t, by = adj[i], 'adjudicated(%s)' % '+'.join(x[0] for x in v)
        elif len(v) >= 2 and v[0][2] != v[1][2]:
            # until adjudicated: a theme both labelers gave
            t, by = sorted(set(v[0][2]) & set(v[1][2])), 'intersection(%s)' % '+'.join(x[0] for x in v)
        else:
            t, by = v[0][2], v[0][0]
        r = {'id': i, 'themes': t, 'by': by, 'round': min(x[1] for x in v), 'date': '2026-11-23'}
        if i in second:
            r['second_reading'] = 'settled by a third reader' if i in third else 'agreed'
        out.append(r)
    with open(os.path.join(repo, 'labels', 'themes.jsonl'), 'w', encoding='utf-8') as f:
        for r in out:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    cnt = collections.Counter(t for r in out for t in r['themes'])
    print('items %d, with a theme %d, no theme %d, double-labeled %d, disagreements %d' % (
        len(out), sum(1 for r in out if r['themes']), sum(1 for r in out if not r['themes']), len(double), len(dis)))
    rp = os.path.join(repo, 'labels', 'random-draws.txt')
    if os.path.exists(rp):
        themes_of = {r['id']: r['themes'] for r in out}
        drawn = [l.strip() for l in open(rp, encoding='utf-8') if l.strip()]
        lab = [i for i in drawn if i in themes_of]
        print('random draws %d, labeled %d, with no theme %d' % (len(drawn), len(lab), sum(1 for i in lab if not themes_of[i])))
    print('%-24s %9s %6s %8s %9s' % ('theme', 'positives', 'kappa', 'disagree', 'dbl-votes'))
    for th, votes_n, k, d in report:
        print('%-24s %9d %6.3f %8d %9d' % (th, cnt[th], k, d, votes_n))
    if '--disagreements' in sys.argv:
        with open(sys.argv[sys.argv.index('--disagreements') + 1], 'w', encoding='utf-8') as f:
            for i, a, b in dis:
                f.write('%s\t%s\t%s\n' % (i, ','.join(a), ','.join(b)))

if __name__ == '__main__':
    main()
