#!/usr/bin/env python3
"""scikit-learn peer: TfidfVectorizer(1-2 grams, sublinear, min_df 2) + LinearSVC, trained on
WORKDIR/train.jsonl, evaluated on WORKDIR/dev.jsonl; also times prediction over all.jsonl.
Prints JSON with accuracy, macro-F1 and timings. Usage: sklearn_vntc.py train WORKDIR

It also writes the fitted vectorizer's matrices, the features shared with the liblinear-train
and svm-train peers, in svmlight format with 1-based indices: train.svm, dev.svm, all.svm (label
0: unlabelled, for timing prediction) and, unless SVM_TRAIN_DOCS is 'all' (default 5000),
train.sub.svm: the first SVM_TRAIN_DOCS training docs in md5(id) order (the training file is
sorted by label, so a plain head would hold one or two labels). Labels are numbered 1..K in
labels.json order; the vectorizer alone is pickled to vec.pkl (its size counts in those peers'
model size). Pickles leave out the vectorizer's stop_words_ (not needed to transform).
Vectorizing is timed apart from fitting/predicting (vec_* fields in the JSON); writing the
files is not timed."""
import hashlib, json, os, sys, time, pickle, unicodedata
import numpy as np
from sklearn.datasets import dump_svmlight_file
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.pipeline import make_pipeline
from sklearn.metrics import accuracy_score, f1_score
work = sys.argv[2]
def load(p):
    X, y, ids = [], [], []
    for l in open(os.path.join(work, p), encoding='utf-8'):
        d = json.loads(l); X.append(unicodedata.normalize('NFC', d['text'])); y.append(d.get('label')); ids.append(d['id'])
    return X, y, ids
def dump(M, y, name):   # 1-based, sorted indices, as liblinear/libsvm expect
    M.sort_indices()
    with open(os.path.join(work, name), 'wb') as f:
        dump_svmlight_file(M, np.asarray(y, dtype=np.int64), f, zero_based=False)
Xtr, ytr, idtr = load('train.jsonl'); Xdv, ydv, _ = load('dev.jsonl')
labels = sorted(set(ytr) | set(ydv)); num = {l: i + 1 for i, l in enumerate(labels)}
json.dump(labels, open(os.path.join(work, 'labels.json'), 'w', encoding='utf-8'), ensure_ascii=False)
# training = vectorizer fit + LinearSVC fit (what pipe.fit did), timed apart
vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
t = time.time()
Mtr = vec.fit_transform(Xtr)
vec_fit_s = time.time() - t
t = time.time()
clf = LinearSVC(C=0.5).fit(Mtr, ytr)
clf_fit_s = time.time() - t
pipe = make_pipeline(vec, clf)   # both steps already fitted
dump(Mtr, [num[l] for l in ytr], 'train.svm')
sub = os.environ.get('SVM_TRAIN_DOCS', '5000').strip().lower()
n_sub = len(Xtr) if sub == 'all' else min(int(sub), len(Xtr))
if sub != 'all':
    first = sorted(sorted(range(len(idtr)), key=lambda i: hashlib.md5(idtr[i].encode()).hexdigest())[:n_sub])
    dump(Mtr[first], [num[ytr[i]] for i in first], 'train.sub.svm')
del Mtr
# dev: accuracy (and the dev-only vectorizing time, for svm-predict's docs/s)
t = time.time()
Mdv = vec.transform(Xdv)
vec_dev_s = time.time() - t
pred = clf.predict(Mdv)
dump(Mdv, [num[l] for l in ydv], 'dev.svm')
del Mdv
# all texts: prediction time = vectorizing + LinearSVC predict (what pipe.predict did)
Xall, _, _ = load('all.jsonl')
t = time.time()
Mall = vec.transform(Xall)
vec_all_s = time.time() - t
t = time.time()
clf.predict(Mall)
clf_all_s = time.time() - t
dump(Mall, np.zeros(len(Xall), dtype=np.int64), 'all.svm')
del Mall
vec.stop_words_ = None   # terms cut by min_df: introspection only, sklearn's docs say to drop it before pickling
p = os.path.join(work, 'sk.pkl'); pickle.dump(pipe, open(p, 'wb'))
pv = os.path.join(work, 'vec.pkl'); pickle.dump(vec, open(pv, 'wb'))
print(json.dumps({'accuracy': accuracy_score(ydv, pred), 'macro_f1': f1_score(ydv, pred, average='macro'),
                  'train_s': vec_fit_s + clf_fit_s, 'predict_s': vec_all_s + clf_all_s, 'n_all': len(Xall),
                  'model_bytes': os.path.getsize(p), 'vec_bytes': os.path.getsize(pv),
                  'vec_fit_s': vec_fit_s, 'clf_fit_s': clf_fit_s, 'vec_dev_s': vec_dev_s,
                  'vec_all_s': vec_all_s, 'clf_all_s': clf_all_s, 'n_features': len(vec.vocabulary_),
                  'n_train': len(Xtr), 'n_dev': len(Xdv), 'svm_train_docs': n_sub}))
