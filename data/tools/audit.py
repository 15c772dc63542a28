#!/usr/bin/env python3
"""Label audit: a second, blind reading of the labeled items that the model disagrees with most,
plus a random control sample, so that label errors are found by readers, not by the model.

  select:  audit.py select SHARED_DATA_DIR TRAIN.jsonl OOF.json OUT_DIR FIRST_BATCH NBATCHES
           [--hi 0.9 --lo 0.1 --control 150 --seed S]
      OOF.json: {"id": {"theme": score}} from models trained without the item (out-of-fold).
      Flags an item when a theme it lacks scores >= hi or a theme it has scores <= lo, adds
      `control` other labeled items drawn at random, shuffles them together (readers cannot tell
      the groups apart) and writes labeling batches with clipped texts, as active.py does. Writes
      OUT_DIR/audit-selection.tsv (id, group, reasons).
  rest:    audit.py rest SHARED_DATA_DIR TRAIN.jsonl SELECTION.tsv OUT_DIR FIRST_BATCH NBATCHES [--seed S]
      Every other labeled item (not in SELECTION.tsv), for a second reading of the whole corpus;
      appends them to SELECTION.tsv as group "rest" and writes their batches.
  compare: audit.py compare TRAIN.jsonl SELECTION.tsv SECOND_READING.tsv... [--disagreements OUT]
      Compares the second reading with the labels in use, per group: items read the same, items
      read differently, Cohen's kappa per theme on the control group. Writes the items read
      differently (id, labels in use, second reading) for a third reader to settle.

The model only chooses what is read again; every label change comes from readers
(data/labels/audit/, settled in data/labels/adjudicated.tsv)."""
import json, os, random, sys, collections
from candidates import option, write_batches
from labels import kappa, read_tsv

def select():
    shared, train, oofp, out, first, nb = sys.argv[2:8]
    first, nb = int(first), int(nb)
    hi, lo = float(option('--hi', 0.9)), float(option('--lo', 0.1))
    n_control = int(option('--control', 150))
    rng = random.Random(int(option('--seed', 20261127)))
    labels = {}
    for line in open(train, encoding='utf-8'):
        r = json.loads(line)
        labels[r['id']] = set(r['labels'])
    oof = json.load(open(oofp, encoding='utf-8'))
    flagged = {}
    for i in sorted(oof):
        why = ['+' + t for t, s in sorted(oof[i].items()) if t not in labels[i] and s >= hi]
        why += ['-' + t for t, s in sorted(oof[i].items()) if t in labels[i] and s <= lo]
        if why:
            flagged[i] = why
    rest = sorted(i for i in labels if i not in flagged and i in oof)
    control = rng.sample(rest, n_control)
    chosen = sorted(flagged) + control
    rng.shuffle(chosen)
    with open(os.path.join(out, 'audit-selection.tsv'), 'w', encoding='utf-8') as f:
        for i in chosen:
            f.write('%s\t%s\t%s\n' % (i, 'flagged' if i in flagged else 'control', ','.join(flagged.get(i, []))))
    write_batches(shared, chosen, out, first, nb)
    print('flagged %d, control %d' % (len(flagged), len(control)), file=sys.stderr)

def rest():
    shared, train, selp, out, first, nb = sys.argv[2:8]
    first, nb = int(first), int(nb)
    rng = random.Random(int(option('--seed', 20261128)))
    done = {l.split('\t')[0] for l in open(selp, encoding='utf-8')}
    chosen = sorted(json.loads(l)['id'] for l in open(train, encoding='utf-8'))
    chosen = [i for i in chosen if i not in done]
    rng.shuffle(chosen)
    with open(selp, 'a', encoding='utf-8') as f:
        for i in chosen:
            f.write('%s\trest\t\n' % i)
    write_batches(shared, chosen, out, first, nb)
    print('rest %d' % len(chosen), file=sys.stderr)

def compare():
    train, selp = sys.argv[2], sys.argv[3]
    files = sys.argv[4:]
    if '--disagreements' in files:
        k = files.index('--disagreements')
        del files[k:k + 2]
    themes = sorted({t for l in open(train, encoding='utf-8') for t in json.loads(l)['labels']})
    labels = {}
    for line in open(train, encoding='utf-8'):
        r = json.loads(line)
        labels[r['id']] = sorted(r['labels'])
    group, reasons = {}, {}
    for line in open(selp, encoding='utf-8'):
        i, g, why = line.rstrip('\n').split('\t')
        group[i], reasons[i] = g, why
    second = {}
    for p in files:
        second.update(read_tsv(p))
    rows = collections.defaultdict(list)
    for i, t in second.items():
        if i in group:
            rows[group[i]].append((i, labels[i], t))
    for g in ('control', 'flagged', 'rest'):
        v = rows[g]
        if not v:
            continue
        same = sum(a == b for _, a, b in v)
        print('%-8s items %4d, read the same %4d (%.1f%%), read differently %4d' % (
            g, len(v), same, 100.0 * same / max(1, len(v)), len(v) - same))
        if g == 'flagged':
            # did the second reader side with the flag (the model) on the flagged theme?
            agree = total = 0
            for i, a, b in v:
                for r in reasons[i].split(','):
                    total += 1
                    agree += (r[1:] in b) == (r[0] == '+')
            print('         flagged theme decisions: %d, second reader sided with the model on %d (%.1f%%)'
                  % (total, agree, 100.0 * agree / max(1, total)))
    for g in ('control', 'rest'):
        v = rows[g]
        if not v:
            continue
        tp = sum(len(set(a) & set(b)) for _, a, b in v)
        n_a, n_b = sum(len(a) for _, a, b in v), sum(len(b) for _, a, b in v)
        print('%s group: micro-F1 of the second reading against the labels in use %.3f '
              '(%d and %d theme labels, %d shared): how far two readers agree' % (g, 2.0 * tp / max(1, n_a + n_b), n_a, n_b, tp))
        print('%s group: kappa per theme (labels in use vs second reading):' % g)
        for t in themes:
            a = [t in x[1] for x in v]
            b = [t in x[2] for x in v]
            if any(a) or any(b):
                print('  %-24s %5.3f  (%d / %d positives)' % (t, kappa(a, b), sum(a), sum(b)))
    if '--disagreements' in sys.argv:
        with open(option('--disagreements', ''), 'w', encoding='utf-8') as f:
            for g in ('flagged', 'control', 'rest'):
                for i, a, b in rows[g]:
                    if a != b:
                        f.write('%s\t%s\t%s\n' % (i, ','.join(a), ','.join(b)))

if __name__ == '__main__':
    {'select': select, 'rest': rest, 'compare': compare}[sys.argv[1]]()
