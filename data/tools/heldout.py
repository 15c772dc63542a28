#!/usr/bin/env python3
"""Trains a chude model on some labeled texts and classifies others with it, through the
programs (chude-train, chude-classify --jsonl), as a user would. Shared by fp_rate.py and
oof_scores.py. The work files are WORKDIR/<name>-train.jsonl, <name>-test.jsonl and
<name>.chude; they stay there for inspection. out_of_fold() does it K times, so that every text
is scored by a model that never saw it (oof_scores.py, genre_report.py)."""
import hashlib, json, os, subprocess

def train_and_classify(train_rows, test_rows, bindir, work, name, settings, all_scores=False):
    """Returns chude-classify's JSONL records (dicts) for test_rows, in their order."""
    tr, te, m = (os.path.join(work, name + s) for s in ('-train.jsonl', '-test.jsonl', '.chude'))
    with open(tr, 'w', encoding='utf-8') as f:
        for r in train_rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    with open(te, 'w', encoding='utf-8') as f:
        for r in test_rows:
            f.write(json.dumps({'id': r['id'], 'text': r['text']}, ensure_ascii=False) + '\n')
    subprocess.run([os.path.join(bindir, 'chude-train'), '-i', tr, '-o', m, '-q', '--threads', '1'] + settings, check=True)
    cmd = [os.path.join(bindir, 'chude-classify'), '-m', m, '--jsonl', '-t', '1'] + (['--all-scores'] if all_scores else [])
    out = subprocess.run(cmd, stdin=open(te, 'rb'), capture_output=True, check=True).stdout.decode()
    return [json.loads(line) for line in out.splitlines()]

def out_of_fold(rows, bindir, work, name, settings, all_scores=False, folds=5):
    """Every row classified by a model trained without it: folds by md5(name + id). Returns
    chude-classify's JSONL records (dicts) by id."""
    fold = lambda i: int(hashlib.md5((name + i).encode()).hexdigest()[:8], 16) % folds
    got = {}
    for k in range(folds):
        for r in train_and_classify([r for r in rows if fold(r['id']) != k], [r for r in rows if fold(r['id']) == k],
                                    bindir, work, name, settings, all_scores=all_scores):
            got[r['id']] = r
    return got
