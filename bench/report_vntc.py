#!/usr/bin/env python3
"""Formats bench/vntc.sh's measurements as a Markdown table with chude's standing against the
best peer in each column. Usage: report_vntc.py WORKDIR [JSON_OUT]
JSON_OUT: optional path for every figure (table rows, best-peer comparison, throughput,
component timings, raw /usr/bin/time measurements) as JSON."""
import datetime, json, os, platform, sys
from sklearn.metrics import accuracy_score, f1_score
w = sys.argv[1]
json_out = sys.argv[2] if len(sys.argv) > 2 else None
def path(n): return os.path.join(w, n)
def exists(n): return os.path.exists(path(n))
def size(n): return os.path.getsize(path(n))
def tm(n):
    if not exists(n + '.time'): return None, None
    e, m = open(path(n + '.time')).read().split()[-2:]
    return float(e), int(m) / 1024
def lines(n): return [l.rstrip('\n') for l in open(path(n), encoding='utf-8')]
def ratio(a, b): return a / b if a is not None and b else None
def fs(x):   # seconds
    return '-' if x is None else ('%.2f' % x if x < 1 else '%.1f' % x)
def fr(x): return '-' if x is None else 'x%.2f' % x

all_lines = lines('all.jsonl')
n_all = len(all_lines)
mb_all = size('all.jsonl') / 1e6
dev = [json.loads(l) for l in lines('dev.jsonl')]
n_dev, n_train = len(dev), sum(1 for _ in open(path('train.jsonl'), encoding='utf-8'))
dev_ids = {d['id'] for d in dev}
mb_dev = sum(len(l.encode('utf-8')) + 1 for l in all_lines if json.loads(l)['id'] in dev_ids) / 1e6

sk = json.load(open(path('sk.eval.json')))
labels = json.load(open(path('labels.json'), encoding='utf-8'))
gold_num = [labels.index(d['label']) + 1 for d in dev]
def num_scores(pred_file):   # liblinear/libsvm predictions: one numeric label a line
    pred = [int(float(l)) for l in lines(pred_file)]
    return accuracy_score(gold_num, pred), f1_score(gold_num, pred, average='macro')
gold_ft = [l.split(' ', 1)[0] for l in lines('dev.ft')]
def ft_scores(pred_file):
    pred = [l.strip() for l in lines(pred_file)]
    return accuracy_score(gold_ft, pred), f1_score(gold_ft, pred, average='macro')
def mx(*v): return max(x for x in v if x is not None)

rows = []
def row(key, name, short, acc, f1, train_s, classify_s, rss, model_bytes, full=True, speed_docs=None, speed_mb=None, speed_s=None, **extra):
    """classify_s: over all n_all texts (None if not measured); speed_*: what docs/s and MB/s
    are computed from when classification was timed on other docs (libsvm: dev split)."""
    if speed_s is None: speed_s, speed_docs, speed_mb = classify_s, n_all, mb_all
    rows.append(dict(key=key, name=name, short=short, accuracy=acc, macro_f1=f1, train_s=train_s,
                     classify_all_s=classify_s, docs_per_s=ratio(speed_docs, speed_s), mb_per_s=ratio(speed_mb, speed_s),
                     speed_docs=speed_docs, speed_s=speed_s, peak_rss_mb=rss, model_mb=model_bytes / 1e6,
                     full_training=full, **extra))

ce = json.load(open(path('chude.eval.json')))
ct, cm = tm('chude_train'); cp, cpm = tm('chude_predict')
row('chude', 'chude (liblinear, 1-2 grams, 2 threads)', 'chude', ce['accuracy'], ce['macro']['f1'], ct, cp, mx(cm, cpm), size('chude.model'))
cp1, _ = tm('chude_predict1')
st, sm = tm('sk_train')
row('sklearn', 'scikit-learn TF-IDF 1-2 + LinearSVC', 'scikit-learn', sk['accuracy'], sk['macro_f1'], sk['train_s'], sk['predict_s'], sm, sk['model_bytes'])
if exists('ll.model'):
    lt, lm = tm('ll_train'); lp, lpm = tm('ll_predict')
    a, f = num_scores('ll.dev.pred')
    row('liblinear', 'liblinear-train -s 1 -B 1 (C 1), same TF-IDF features', 'liblinear-train', a, f,
        sk['vec_fit_s'] + lt, sk['vec_all_s'] + lp, mx(lm, lpm), size('ll.model') + sk['vec_bytes'],
        tool_train_s=lt, tool_predict_all_s=lp, model_file_mb=size('ll.model') / 1e6)
if exists('svm.model'):
    vt, vm = tm('svm_train'); vp, vpm = tm('svm_predict')
    a, f = num_scores('svm.dev.pred')
    k = sk['svm_train_docs']; full = k >= n_train
    name = 'libsvm svm-train -t 0 (linear, C 1), same features, ' + (
        'all %d train docs' % n_train if full else 'trained on %d of %d train docs' % (k, n_train)) + ', speed on dev %d docs' % n_dev
    row('libsvm', name, 'libsvm (%s docs)' % ('all' if full else k), a, f, sk['vec_fit_s'] + vt, None, mx(vm, vpm),
        size('svm.model') + sk['vec_bytes'], full=full, speed_docs=n_dev, speed_mb=mb_dev, speed_s=sk['vec_dev_s'] + vp,
        svm_train_docs=k, tool_train_s=vt, tool_predict_dev_s=vp, model_file_mb=size('svm.model') / 1e6)
ft_args = open(path('ftt.args')).read().strip() if exists('ftt.args') else None
for key, base, label in (('fasttext', 'ft', 'fastText supervised (defaults)'), ('fasttext_tuned', 'ftt', 'fastText supervised (tuned: %s)' % ft_args)):
    if exists(base + '.bin'):
        a, f = ft_scores(base + '.dev.pred')
        ftt, ftm = tm(base + '_train'); ftp, ftpm = tm(base + '_predict')
        row(key, label, 'fastText tuned' if base == 'ftt' else 'fastText defaults', a, f, ftt, ftp, mx(ftm, ftpm), size(base + '.bin'))

print('| tool | accuracy | macro-F1 | training (s) | classify %d docs (s) | docs/s | MB/s | peak RSS (MB) | model (MB) |' % n_all)
print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
for r in rows:
    cls = fs(r['classify_all_s']) if r['classify_all_s'] is not None else '- (dev %d docs: %s)' % (r['speed_docs'], fs(r['speed_s']))
    dag = ' †' if r['key'] in ('liblinear', 'libsvm') else ''
    print('| %s | %.2f%% | %.2f | %s | %s | %.0f | %.1f | %.0f%s | %.1f |' % (r['name'], 100 * r['accuracy'], 100 * r['macro_f1'], fs(r['train_s']),
          cls, r['docs_per_s'], r['mb_per_s'], r['peak_rss_mb'], dag, r['model_mb']))

# chude against the best peer, column by column. Accuracy and macro-F1: every peer (all are
# evaluated on the same dev split). Cost columns: only peers trained on the whole train split
# (a subset-trained libsvm is cheaper for that reason alone); classify-all: only peers timed
# over all texts.
c, peers = rows[0], rows[1:]
cols = [('accuracy', 'accuracy', max, 'pts', lambda p: True),
        ('macro_f1', 'macro-F1', max, 'pts', lambda p: True),
        ('train_s', 'training time', min, 'ratio', lambda p: p['full_training']),
        ('classify_all_s', 'classify all docs time', min, 'ratio', lambda p: p['full_training'] and p['classify_all_s'] is not None),
        ('docs_per_s', 'docs/s', max, 'ratio', lambda p: p['full_training']),
        ('mb_per_s', 'MB/s', max, 'ratio', lambda p: p['full_training']),
        ('peak_rss_mb', 'peak RSS', min, 'ratio', lambda p: p['full_training']),
        ('model_mb', 'model size', min, 'ratio', lambda p: p['full_training'])]
best, parts = {}, []
for k, label, pick, kind, ok in cols:
    cand = [p for p in peers if ok(p) and p[k] is not None]
    if not cand or c[k] is None: continue
    b = pick(cand, key=lambda p: p[k])
    v = 100 * (c[k] - b[k]) if kind == 'pts' else ratio(c[k], b[k])
    best[k] = {'best_peer': b['key'], 'best_value': b[k], 'chude': c[k], ('difference_pts' if kind == 'pts' else 'ratio_chude_to_best'): v}
    parts.append('%s %s (%s%s)' % (label, ('%+.2f pts' % v) if kind == 'pts' else fr(v), b['short'], ' †' if k == 'peak_rss_mb' and b['key'] in ('liblinear', 'libsvm') else ''))
print()
print('chude vs best peer: ' + ', '.join(parts))
print()
print('(differences in points for accuracy and macro-F1; other columns are chude / best peer, so below 1 is better for times, RSS and model size and above 1 is better for docs/s and MB/s; cost columns leave out peers trained on a subset)')

print()
print('Classification throughput, end to end over all %d texts (%.0f MB):' % (n_all, mb_all))
print()
print('| classifier | threads | seconds | docs/s | MB/s | ratio to fastText predict |')
print('|---|---:|---:|---:|---:|---:|')
ftp_s = tm('ft_predict')[0]
tput = [('chude-classify --jsonl', 1, cp1), ('chude-classify --jsonl', 2, cp),
        ('scikit-learn transform + LinearSVC predict (in-process, texts in memory)', 1, sk['predict_s'])]
if exists('ll.model'):
    tput += [('liblinear-predict on the svmlight feature file only', 1, tm('ll_predict')[0]),
             ('scikit-learn transform + liblinear-predict', 1, sk['vec_all_s'] + tm('ll_predict')[0])]
tput += [('fastText predict (defaults model)', 'its default', ftp_s), ('fastText predict (tuned model)', 'its default', tm('ftt_predict')[0])]
tput_json = []
for name, th, sec in tput:
    if sec:
        tput_json.append({'classifier': name, 'threads': th, 'seconds': sec, 'docs_per_s': n_all / sec, 'mb_per_s': mb_all / sec,
                          'ratio_to_fasttext_predict': ratio(ftp_s, sec)})
        print('| %s | %s | %s | %.0f | %.1f | %s |' % (name, th, fs(sec), n_all / sec, mb_all / sec, fr(ratio(ftp_s, sec))))
print()
print('Notes: training times are wall-clock of the whole command (chude: reading, normalizing, features, 10 labels x 4 fits for calibration);')
print('scikit-learn times are fit()/predict() only, inside one Python process (peak RSS covers the whole script, which also writes the shared feature files;')
print('its model is the pickled pipeline without the vectorizer\'s stop_words_, which only records the terms min_df cut);')
print('its TfidfVectorizer(1-2 grams, sublinear tf, min_df 2, %d features) took %ss to fit on train, %ss to transform dev, %ss to transform all texts;' % (
    sk['n_features'], fs(sk['vec_fit_s']), fs(sk['vec_dev_s']), fs(sk['vec_all_s'])))
print('LinearSVC(C=0.5) is liblinear -s 1 -c 0.5 -B 1 with tol 1e-4 (fit %ss, predict all %ss).' % (fs(sk['clf_fit_s']), fs(sk['clf_all_s'])))
if exists('ll.model') or exists('svm.model'):
    print('liblinear-train and svm-train read the same features from svmlight files (1-based); feature extraction is ADDED to their times:')
    print('training = vectorizer fit on the train split + the tool\'s wall-clock (parsing the feature file included), classification = vectorizer transform + *-predict wall-clock;')
    print('their model size = model file + pickled vectorizer (%.1f MB); † their peak RSS covers the liblinear/libsvm processes only (vectorizing ran in the scikit-learn process, see its row).' % (sk['vec_bytes'] / 1e6))
    for r in rows:
        if r['key'] == 'liblinear':
            print('liblinear-train -s 1 -B 1 uses default C 1 and eps 0.1 (scikit-learn: C 0.5, tol 1e-4); tool alone: train %ss, predict all %ss, model file %.1f MB.' % (
                fs(r['tool_train_s']), fs(r['tool_predict_all_s']), r['model_file_mb']))
        if r['key'] == 'libsvm':
            print('svm-train -t 0 (C-SVC, default C 1, one-vs-one) on the first %d of %d train docs in md5(id) order (SVM_TRAIN_DOCS), with the vocabulary/idf fitted on the whole train split;' % (r['svm_train_docs'], n_train))
            print('  evaluated on the full dev split; its docs/s and MB/s are vectorizer transform of dev + svm-predict over the %d dev docs (tool alone: train %ss, predict %ss, model file %.1f MB);' % (
                n_dev, fs(r['tool_train_s']), fs(r['tool_predict_dev_s']), r['model_file_mb']))
            print('  a model trained on more docs has more support vectors and predicts more slowly.')
if ft_args:
    print('fastText tuned: %s (defaults: -wordNgrams 1 -epoch 5 -lr 0.1 -dim 100)%s;' % (ft_args,
          '' if '-bucket' in ft_args.split() else '; with word bigrams the default -bucket 2000000 is allocated in full (model size, RSS, model loading in predict)'))
    print('both train with fastText\'s default 12 threads, which start at spread-out offsets of train.ft: the file is sorted by label, which would hurt a lot with -thread 1.')
print('classification is end to end from JSONL (chude), one-line text (fastText), in-memory texts (scikit-learn) or feature files as noted, over all %d texts (%.0f MB).' % (n_all, mb_all))

if json_out:
    raw = {n[:-5]: dict(zip(('wall_s', 'peak_rss_mb'), tm(n[:-5]))) for n in sorted(os.listdir(w)) if n.endswith('.time')}
    meta = {'date': datetime.datetime.utcnow().strftime('%Y-%m-%d'), 'cores': os.cpu_count(), 'machine': platform.machine(),
            'n_train': n_train, 'n_dev': n_dev, 'n_all': n_all, 'mb_all': mb_all, 'mb_dev': mb_dev,
            'vntc_limit': os.environ.get('VNTC_LIMIT') or None, 'svm_train_docs': sk['svm_train_docs'], 'fasttext_tuned_args': ft_args,
            'feature_extraction': 'added to liblinear/libsvm training and classification times'}
    try:
        meta['cpu'] = next(l.split(':', 1)[1].strip() for l in open('/proc/cpuinfo') if l.startswith('model name'))
    except (OSError, StopIteration):
        pass
    with open(json_out, 'w', encoding='utf-8') as f:
        json.dump({'meta': meta, 'rows': rows, 'chude_vs_best_peer': best, 'throughput': tput_json,
                   'sklearn_components': sk, 'measurements': raw}, f, indent=1, ensure_ascii=False)
        f.write('\n')
