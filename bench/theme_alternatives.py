#!/usr/bin/env python3
"""Other learners and features on the theme corpus, measured the same way, to see whether any
would beat the shipped setting (linear SVM on syllable 1-2-gram TF-IDF plus a lead block).
A scikit-learn re-creation of chude's features (regex syllables, lower case, NFC, sublinear
TF-IDF, 1-2-grams, min-df 3, 100,000 n-grams, the first 300 syllables as a second block
weighted 1.5); 5 folds (KFold, seed 1); each theme's threshold is the one that maximises its
F1 on the pooled out-of-fold scores, the same for every row, so the rows compare with each
other, not with models/themes.md (chude chooses thresholds inside each fold).

Rows: LinearSVC C 0.3 / 1 / 3; logistic regression; NBSVM (Wang & Manning 2012: features
scaled by the log-count ratio, beta 1 and 0.25); the text cut to its first 800 syllables;
with EMBEDDINGS=1 also the mean of fastText skipgram vectors (64 dims, trained on all
179,676 texts of ../shared/data; needs /usr/bin/fasttext, ~15 min on 2 cores) for the text
and for the lead, appended with weights 0.5, 1 and 2.

Usage: bench/theme_alternatives.py build/themes/train.jsonl SHARED_DATA_DIR WORKDIR > RESULT.txt
(build/themes/train.jsonl is written by models/build-themes.sh)."""
import gzip, json, os, re, subprocess, sys, unicodedata
import numpy as np, scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold
from sklearn.svm import LinearSVC

TOKEN = re.compile(r'\w+')

def syllables(s):
    return TOKEN.findall(unicodedata.normalize('NFC', s).lower())

def vectorizer():
    return TfidfVectorizer(ngram_range=(1, 2), min_df=3, max_features=100000, sublinear_tf=True,
                           token_pattern=r'\S+')

def features(docs, leads, folds):
    out = []
    for tr, _ in folds:
        v1 = vectorizer().fit([docs[i] for i in tr])
        v2 = vectorizer().fit([leads[i] for i in tr])
        out.append(sp.hstack([v1.transform(docs), 1.5 * v2.transform(leads)]).tocsr())
    return out

def best_f1(s, y):
    o = np.argsort(-s)
    ys = y[o]
    f = 2 * np.cumsum(ys) / (np.arange(1, len(s) + 1) + ys.sum())
    i = f.argmax()
    return f[i], s[o][i]

def nb_ratio(X, y):
    p = 1 + np.asarray(X[y == 1].sum(0)).ravel()
    q = 1 + np.asarray(X[y == 0].sum(0)).ravel()
    return np.log((p / p.sum()) / (q / q.sum()))

def scores_of(kind, arg, Xtr, y, Xte):
    if kind == 'svm':
        m = LinearSVC(C=arg, random_state=0).fit(Xtr, y)
        return m.decision_function(Xte)
    if kind == 'lr':
        m = LogisticRegression(C=arg, solver='liblinear', random_state=0).fit(Xtr, y)
        return m.decision_function(Xte)
    if kind == 'nb':
        r = nb_ratio(Xtr, y)
        m = LinearSVC(C=1, random_state=0).fit(Xtr.multiply(r).tocsr(), y)
        w = m.coef_.ravel()
        if arg < 1:
            w = (1 - arg) * np.abs(w).mean() + arg * w
        return Xte.multiply(r).tocsr() @ w + m.intercept_[0]
    raise ValueError(kind)

def evaluate(name, Xs, folds, Y, themes, kind, arg, extra=None):
    S = np.zeros(Y.shape)
    for f, ((tr, te), X) in enumerate(zip(folds, Xs)):
        if extra is not None:
            X = sp.hstack([X, sp.csr_matrix(extra)]).tocsr()
        for j in range(len(themes)):
            S[te, j] = scores_of(kind, arg, X[tr], Y[tr, j], X[te])
    tp = fp = fn = 0
    f1s = []
    for j in range(len(themes)):
        f, th = best_f1(S[:, j], Y[:, j])
        f1s.append(f)
        pred = S[:, j] >= th
        tp += int((pred & (Y[:, j] == 1)).sum())
        fp += int((pred & (Y[:, j] == 0)).sum())
        fn += int((~pred & (Y[:, j] == 1)).sum())
    print('%-34s micro-F1 %.4f  macro-F1 %.4f  %s' % (name, 2 * tp / (2 * tp + fp + fn), np.mean(f1s),
          ' '.join('%s=%.3f' % (t[:8], f) for t, f in zip(themes, f1s))), flush=True)

def embeddings(shared, work):
    corpus, model = os.path.join(work, 'all.txt'), os.path.join(work, 'emb')
    if not os.path.exists(model + '.vec'):
        with open(corpus, 'w', encoding='utf-8') as out:
            for p in ('tc201805/corpus.jsonl.gz', 'vietnews/subset.jsonl.gz', 'vntc/train.jsonl.gz'):
                for line in gzip.open(os.path.join(shared, p), 'rt', encoding='utf-8'):
                    out.write(' '.join(syllables(json.loads(line)['text'])) + '\n')
        subprocess.run(['fasttext', 'skipgram', '-input', corpus, '-output', model, '-dim', '64', '-epoch', '3',
                        '-minCount', '5', '-minn', '0', '-maxn', '0', '-thread', '2', '-seed', '1'],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    E = {}
    with open(model + '.vec', encoding='utf-8') as f:
        d = int(f.readline().split()[1])
        for line in f:
            p = line.rstrip().split(' ')
            if len(p) == d + 1:
                E[p[0]] = np.array(p[1:], dtype=np.float32)
    return E, d

def mean_vectors(token_lists, E, d):
    M = np.zeros((len(token_lists), d), dtype=np.float32)
    for i, ts in enumerate(token_lists):
        v = [E[t] for t in ts if t in E]
        if v:
            m = np.mean(v, 0)
            M[i] = m / (np.linalg.norm(m) + 1e-9)
    return M

def main():
    train, shared, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    rows = [json.loads(l) for l in open(train, encoding='utf-8')]
    themes = sorted({t for r in rows for t in r['labels']})
    Y = np.array([[t in r['labels'] for t in themes] for r in rows], dtype=int)
    toks = [syllables(r['text']) for r in rows]
    docs = [' '.join(t) for t in toks]
    leads = [' '.join(t[:300]) for t in toks]
    folds = list(KFold(5, shuffle=True, random_state=1).split(docs))
    print('# %d labeled texts, %d themes; %s' % (len(rows), len(themes), train))
    Xs = features(docs, leads, folds)
    for C in (0.3, 1.0, 3.0):
        evaluate('linear SVM C=%g%s' % (C, ' (as shipped)' if C == 1 else ''), Xs, folds, Y, themes, 'svm', C)
    evaluate('logistic regression C=10', Xs, folds, Y, themes, 'lr', 10.0)
    evaluate('NBSVM beta=1', Xs, folds, Y, themes, 'nb', 1.0)
    evaluate('NBSVM beta=0.25', Xs, folds, Y, themes, 'nb', 0.25)
    cut = features([' '.join(t[:800]) for t in toks], leads, folds)
    evaluate('linear SVM, text cut to 800 syl.', cut, folds, Y, themes, 'svm', 1.0)
    if os.environ.get('EMBEDDINGS') == '1':
        E, d = embeddings(shared, work)
        D = np.hstack([mean_vectors(toks, E, d), mean_vectors([t[:300] for t in toks], E, d)])
        for a in (0.5, 1.0, 2.0):
            evaluate('linear SVM + skipgram means x%g' % a, Xs, folds, Y, themes, 'svm', 1.0, extra=a * D)

if __name__ == '__main__':
    main()
