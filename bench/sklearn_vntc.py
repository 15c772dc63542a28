#!/usr/bin/env python3
"""scikit-learn peer: TfidfVectorizer(1-2 grams, sublinear, min_df 2) + LinearSVC, trained on
WORKDIR/train.jsonl, evaluated on WORKDIR/dev.jsonl; also times prediction over all.jsonl.
Prints JSON with accuracy, macro-F1 and timings. Usage: sklearn_vntc.py train WORKDIR"""
import json, os, sys, time, pickle, unicodedata
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
from sklearn.pipeline import make_pipeline
from sklearn.metrics import accuracy_score, f1_score
work = sys.argv[2]
def load(p):
    X, y, ids = [], [], []
    for l in open(os.path.join(work, p), encoding='utf-8'):
        d = json.loads(l); X.append(unicodedata.normalize('NFC', d['text'])); y.append(d.get('label')); ids.append(d['id'])
    return X, y
Xtr, ytr = load('train.jsonl'); Xdv, ydv = load('dev.jsonl')
t = time.time()
pipe = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2), LinearSVC(C=0.5))
pipe.fit(Xtr, ytr)
train_s = time.time() - t
pred = pipe.predict(Xdv)
Xall, _ = load('all.jsonl')
t = time.time()
pipe.predict(Xall)
pred_s = time.time() - t
p = os.path.join(work, 'sk.pkl'); pickle.dump(pipe, open(p, 'wb'))
print(json.dumps({'accuracy': accuracy_score(ydv, pred), 'macro_f1': f1_score(ydv, pred, average='macro'),
                  'train_s': train_s, 'predict_s': pred_s, 'n_all': len(Xall), 'model_bytes': os.path.getsize(p)}))
