/* train.c — from a labeled corpus to a model: features, one-vs-rest SVMs, calibration.
 *
 * Pipeline: n-gram extraction (threads, one extractor each), document frequencies and
 * pruning, feature ids in ascending hash order (so the result does not depend on thread
 * count), sublinear TF-IDF rows, then per label K-fold out-of-fold decision values (for
 * Platt scaling and the multi-label threshold) and a final fit on everything. Labels train
 * in parallel. It must not print, exit, or touch files: chude-train does that. */
#include "chude/train.h"
#include "features_private.h"
#include "svm_dcd.h"
#include "util.h"

#include <cjson/cJSON.h>
#include <libsvm/svm.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

chude_train_options chude_train_defaults(void)
{
    chude_train_options o;
    memset(&o, 0, sizeof o);
    o.normalize = chude_normalize_defaults();
    o.features = chude_feature_defaults();
    o.features.title_weight = 0.3;   /* measured on VNTC: bench/results/defaults-vntc-*.md */
    o.engine = CHUDE_ENGINE_DCD;
    o.kernel = CHUDE_KERNEL_LINEAR;
    o.gamma = 1.0;
    o.C = 1.0;
    o.eps = 0;          /* 0 = the engine's default */
    o.balanced = 0;
    o.calibration_folds = 3;
    o.threads = 1;
    o.seed = 1;
    return o;
}

chude_status chude_train_options_check(const chude_train_options *o, chude_diag *diag)
{
    if (!o) return CHUDE_ERR_ARGUMENT;
    chude_status s = chude_feature_options_check(&o->features, diag);
    if (s) return s;
    if (o->engine != CHUDE_ENGINE_DCD && o->engine != CHUDE_ENGINE_LIBSVM)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "unknown engine %d", o->engine);
    if (o->kernel != CHUDE_KERNEL_LINEAR && o->kernel != CHUDE_KERNEL_RBF)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "unknown kernel %d", o->kernel);
    if (o->kernel == CHUDE_KERNEL_RBF && o->engine != CHUDE_ENGINE_LIBSVM)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "the RBF kernel needs --engine libsvm");
    if (!(o->gamma > 0 && o->gamma < 1e6)) return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "gamma must be in (0, 1e6)");
    if (!(o->C > 0 && o->C < 1e6)) return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "C must be in (0, 1e6)");
    if (!(o->eps >= 0 && o->eps < 10)) return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "eps must be in [0, 10)");
    if (o->calibration_folds < 0 || o->calibration_folds == 1 || o->calibration_folds > 20)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "calibration folds must be 0 or 2..20");
    if (o->threads < 1 || o->threads > 256) return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "threads must be 1..256");
    if (o->normalize.tone_style != CHUDE_TONE_FIRST && o->normalize.tone_style != CHUDE_TONE_SECOND)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "unknown tone style");
    return CHUDE_OK;
}

unsigned chude_fold_of(const char *id, uint64_t seed, unsigned k)
{
    uint64_t h = chude_fnv_step(CHUDE_FNV_OFFSET ^ seed, id, strlen(id));
    return k ? (unsigned)(chude_mix64(h) % k) : 0;
}

/* ---- Platt scaling (Newton's method with backtracking, per Lin, Lin and Weng 2007) ----- */

void chude_platt_fit(const double *f, const unsigned char *y, size_t n, double *A, double *B)
{
    double prior1 = 0, prior0 = 0;
    for (size_t i = 0; i < n; i++) { if (y[i]) prior1++; else prior0++; }
    double hi = (prior1 + 1) / (prior1 + 2), lo = 1 / (prior0 + 2);
    double a = 0, b = log((prior0 + 1) / (prior1 + 1)), fval = 0;
    for (size_t i = 0; i < n; i++) {
        double t = y[i] ? hi : lo, z = f[i] * a + b;
        fval += z >= 0 ? t * z + log1p(exp(-z)) : (t - 1) * z + log1p(exp(z));
    }
    for (int it = 0; it < 100; it++) {
        double h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
        for (size_t i = 0; i < n; i++) {
            double z = f[i] * a + b, p, q;
            if (z >= 0) { p = exp(-z) / (1 + exp(-z)); q = 1 / (1 + exp(-z)); }
            else { p = 1 / (1 + exp(z)); q = exp(z) / (1 + exp(z)); }
            double d2 = p * q, t = y[i] ? hi : lo, d1 = t - p;
            h11 += f[i] * f[i] * d2; h22 += d2; h21 += f[i] * d2;
            g1 += f[i] * d1; g2 += d1;
        }
        if (fabs(g1) < 1e-5 && fabs(g2) < 1e-5) break;
        double det = h11 * h22 - h21 * h21;
        double da = -(h22 * g1 - h21 * g2) / det, db = -(-h21 * g1 + h11 * g2) / det;
        double gd = g1 * da + g2 * db, step = 1;
        while (step >= 1e-10) {
            double na = a + step * da, nb = b + step * db, nf = 0;
            for (size_t i = 0; i < n; i++) {
                double t = y[i] ? hi : lo, z = f[i] * na + nb;
                nf += z >= 0 ? t * z + log1p(exp(-z)) : (t - 1) * z + log1p(exp(z));
            }
            if (nf < fval + 1e-4 * step * gd) { a = na; b = nb; fval = nf; break; }
            step /= 2;
        }
        if (step < 1e-10) break;
    }
    *A = a;
    *B = b;
}

/* ---- a tiny thread pool --------------------------------------------------------------- */

typedef struct pool pool;
typedef chude_status (*pool_fn)(pool *p, size_t item, int worker);
struct pool {
    pool_fn fn;
    void *ctx;
    size_t n;
    atomic_size_t next, done;
    atomic_int failed;
    chude_status status;
    pthread_mutex_t mu;
    int nworkers;
};
typedef struct { pool *p; int id; } pool_arg;

static void *pool_run(void *arg)
{
    pool_arg *a = arg;
    pool *p = a->p;
    for (;;) {
        if (atomic_load(&p->failed)) break;
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n) break;
        chude_status s = p->fn(p, i, a->id);
        if (s) {
            pthread_mutex_lock(&p->mu);
            if (!p->status) p->status = s;
            pthread_mutex_unlock(&p->mu);
            atomic_store(&p->failed, 1);
        }
        atomic_fetch_add(&p->done, 1);
    }
    return NULL;
}

/* Runs fn over n items with nworkers threads (the caller is worker 0 and reports progress). */
static chude_status pool_go(pool *p, const char *stage, chude_progress_fn progress, void *pctx)
{
    int nw = p->nworkers;
    pthread_t th[256];
    pool_arg args[256];
    atomic_init(&p->next, 0);
    atomic_init(&p->done, 0);
    atomic_init(&p->failed, 0);
    p->status = CHUDE_OK;
    pthread_mutex_init(&p->mu, NULL);
    int started = 0;
    for (int w = 1; w < nw; w++) {
        args[w].p = p;
        args[w].id = w;
        if (pthread_create(&th[w], NULL, pool_run, &args[w]) != 0) break;
        started = w;
    }
    /* worker 0: same loop, with progress */
    for (;;) {
        if (atomic_load(&p->failed)) break;
        size_t i = atomic_fetch_add(&p->next, 1);
        if (i >= p->n) break;
        chude_status s = p->fn(p, i, 0);
        if (s) {
            pthread_mutex_lock(&p->mu);
            if (!p->status) p->status = s;
            pthread_mutex_unlock(&p->mu);
            atomic_store(&p->failed, 1);
        }
        size_t d = atomic_fetch_add(&p->done, 1) + 1;
        if (progress) progress(pctx, stage, d, p->n);
    }
    for (int w = 1; w <= started; w++) pthread_join(th[w], NULL);
    if (progress) progress(pctx, stage, p->n, p->n);
    pthread_mutex_destroy(&p->mu);
    return p->status;
}

/* ---- training state --------------------------------------------------------------------- */

typedef struct {
    const chude_corpus *corpus;
    const size_t *docs;          /* the training documents (corpus indices) */
    size_t n;
    const chude_train_options *opt;
    chude_extractor **ex;        /* one per worker: pass 1, counting */
    chude_extractor **sx;        /* one per worker: pass 2, rows and the kept n-grams' strings */
    chude_map64 *dfw;            /* per worker: n-gram hash -> documents (pass 1) */
    /* features */
    uint32_t V;
    uint64_t *vhash;             /* V kept hashes, ascending */
    float *idf;
    uint32_t *vtable;            /* the vocabulary's index table, as a model has it */
    chude_vocab_view view;
    /* rows: per doc, nnz[i] features (1-based index, TF-IDF value), the bias node, and the
     * terminator; the DCD solver reads them as they are (libsvm's svm_node is alike) */
    chude_svm_node **xrow;
    size_t *nnz;
    double *sq;                  /* per doc: squared norm of its row (RBF decision values) */
    /* per label results */
    uint32_t L;
    unsigned char **y;           /* per label: y[l][i] for doc i */
    double *w;                   /* L * V weights, label-major during training */
    double *bias, *pa, *pb, *thr;
    unsigned char *in_sample;    /* per label: calibrated on the final model's training decisions */
    unsigned *fold;              /* per doc */
    int folds;
    /* RBF: per label, support vectors as (training doc, coefficient) */
    size_t *nsv;
    size_t **sv_doc;
    double **sv_coef;
} tstate;

typedef struct { size_t n; size_t *doc; double *coef; } svset;

static void svset_free(svset *s) { free(s->doc); free(s->coef); s->doc = NULL; s->coef = NULL; s->n = 0; }

/* Pass 1: counts in how many documents each n-gram occurs (per worker). */
static chude_status extract_one(pool *p, size_t i, int worker)
{
    tstate *t = p->ctx;
    const chude_document *d = &t->corpus->docs[t->docs[i]];
    const uint64_t *h;
    const uint32_t *c;
    size_t n;
    chude_status s = chude_extract_ngrams(t->ex[worker], d->text, d->text_len, &h, &c, &n);
    if (s) return s;
    for (size_t k = 0; k < n; k++) {
        uint32_t *v = chude_map64_upsert(&t->dfw[worker], h[k], 0, NULL);
        if (!v) return CHUDE_ERR_NOMEM;
        (*v)++;
    }
    return CHUDE_OK;
}

/* Pass 2: the document's TF-IDF row over the kept vocabulary, computed exactly as
 * classification computes it (and, through the worker's extractor, the strings of the kept
 * n-grams it contains). */
static chude_status row_one(pool *p, size_t i, int worker)
{
    tstate *t = p->ctx;
    const chude_document *d = &t->corpus->docs[t->docs[i]];
    chude_sparse x;
    chude_status s = chude_extract_vector(t->sx[worker], &t->view, d->text, d->text_len, &x);
    if (s) return s;
    chude_svm_node *row = malloc((x.n + 2) * sizeof *row);
    if (!row) return CHUDE_ERR_NOMEM;
    for (size_t k = 0; k < x.n; k++) {
        row[k].index = (int)x.index[k] + 1;
        row[k].value = x.value[k];
    }
    double sq = 0;
    for (size_t k = 0; k < x.n; k++) sq += row[k].value * row[k].value;
    t->sq[i] = sq;
    row[x.n].index = (int)t->V + 1;   /* bias */
    row[x.n].value = 1.0;
    row[x.n + 1].index = -1;
    row[x.n + 1].value = 0;
    t->xrow[i] = row;
    t->nnz[i] = x.n;
    return CHUDE_OK;
}

typedef struct { uint64_t h; uint32_t df; } hdf;
static int cmp_df_desc(const void *a, const void *b)
{
    const hdf *x = a, *y = b;
    if (x->df != y->df) return x->df < y->df ? 1 : -1;
    return (x->h > y->h) - (x->h < y->h);
}

static int cmp_hash(const void *a, const void *b)
{
    const hdf *x = a, *y = b;
    return (x->h > y->h) - (x->h < y->h);
}

static chude_status build_vocab(tstate *t)
{
    /* the workers' document frequencies, summed into the first worker's map */
    chude_map64 df = t->dfw[0];
    memset(&t->dfw[0], 0, sizeof df);
    for (int w = 1; w < t->opt->threads; w++) {
        chude_map64 *o = &t->dfw[w];
        for (size_t j = 0; o->keys && j <= o->mask; j++) {
            if (!o->keys[j]) continue;
            uint32_t *v = chude_map64_upsert(&df, o->keys[j], 0, NULL);
            if (!v) { chude_map64_free(&df); return CHUDE_ERR_NOMEM; }
            *v += o->vals[j];
        }
        chude_map64_free(o);
    }
    const chude_feature_options *f = &t->opt->features;
    double maxdf = f->max_df * (double)t->n;
    hdf *keep = malloc((df.count ? df.count : 1) * sizeof *keep);
    if (!keep) { chude_map64_free(&df); return CHUDE_ERR_NOMEM; }
    size_t nk = 0;
    for (size_t j = 0; j <= df.mask; j++) {
        if (!df.keys[j]) continue;
        uint32_t d = df.vals[j];
        if (d < f->min_df || (double)d > maxdf) continue;
        keep[nk].h = df.keys[j];
        keep[nk].df = d;
        nk++;
    }
    chude_map64_free(&df);
    if (f->max_features && nk > f->max_features) {
        qsort(keep, nk, sizeof *keep, cmp_df_desc);
        nk = f->max_features;
    }
    if (nk == 0) { free(keep); return CHUDE_ERR_EMPTY; }
    /* feature ids follow hash order (the model's vocabulary is sorted by hash) */
    qsort(keep, nk, sizeof *keep, cmp_hash);
    t->V = (uint32_t)nk;
    t->vhash = malloc(nk * sizeof *t->vhash);
    t->idf = malloc(nk * sizeof *t->idf);
    if (!t->vhash || !t->idf) { free(keep); return CHUDE_ERR_NOMEM; }
    for (size_t k = 0; k < nk; k++) {
        t->vhash[k] = keep[k].h;
        t->idf[k] = (float)(log((1.0 + (double)t->n) / (1.0 + keep[k].df)) + 1.0);
    }
    free(keep);
    return CHUDE_OK;
}

static void quiet(const char *s) { (void)s; }

/* The random stream of one fit's coordinate order: the training seed, the label and the fold
 * mixed (splitmix64's finalizer), so each fit is reproducible on its own, at any thread count. */
static uint64_t fit_seed(uint64_t seed, uint32_t label, int fold)
{
    uint64_t z = seed ^ ((uint64_t)label << 32) ^ (uint64_t)(uint32_t)(fold + 1);
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Trains one binary SVM on the docs whose fold != skip_fold (skip_fold < 0: all docs).
 * w receives V weights, *b the bias; decision = w.x + b, positive = label present. */
static chude_status fit_binary(tstate *t, uint32_t label, const unsigned char *y, int skip_fold, double *w, double *b, svset *sv)
{
    const chude_train_options *o = t->opt;
    size_t m = 0, npos = 0;
    for (size_t i = 0; i < t->n; i++)
        if (skip_fold < 0 || (int)t->fold[i] != skip_fold) { m++; npos += y[i]; }
    memset(w, 0, (size_t)t->V * sizeof *w);
    if (npos == 0 || npos == m) {   /* one class only: a constant decision */
        *b = npos ? 1.0 : -1.0;
        return CHUDE_OK;
    }
    double wpos = 1.0;
    if (o->balanced) {
        wpos = (double)(m - npos) / (double)npos;
        if (wpos > 10) wpos = 10;
        if (wpos < 1) wpos = 1;
    }
    if (o->label_weight) wpos *= o->label_weight[label];
    int labels[2] = { 1, -1 };
    double weights[2] = { wpos, 1.0 };
    if (o->engine == CHUDE_ENGINE_DCD) {
        const chude_svm_node **rows = malloc(m * sizeof *rows);
        signed char *ys = malloc(m);
        double *wb = malloc(((size_t)t->V + 1) * sizeof *wb);   /* the weights, then the bias */
        if (!rows || !ys || !wb) { free(rows); free(ys); free(wb); return CHUDE_ERR_NOMEM; }
        size_t k = 0;
        for (size_t i = 0; i < t->n; i++)
            if (skip_fold < 0 || (int)t->fold[i] != skip_fold) {
                ys[k] = y[i] ? 1 : -1;
                rows[k] = t->xrow[i];
                k++;
            }
        chude_dcd_params par;
        par.c_pos = o->C * wpos;
        par.c_neg = o->C;
        /* the calibration folds' fits only feed Platt scaling and thresholds: a looser
         * tolerance there cost nothing measurable on VNTC and saves a tenth of training */
        par.eps = (o->eps > 0 ? o->eps : 0.1) * (skip_fold >= 0 ? 3.0 : 1.0);
        par.max_iter = 1000;
        par.seed = fit_seed(o->seed, label, skip_fold);
        int passes = chude_dcd_fit(rows, ys, m, (size_t)t->V + 1, &par, wb);
        free(rows);
        free(ys);
        if (passes < 0) { free(wb); return CHUDE_ERR_NOMEM; }
        memcpy(w, wb, (size_t)t->V * sizeof *w);
        *b = wb[t->V];   /* the bias feature (value 1) is index V + 1 of every row */
        free(wb);
        return CHUDE_OK;
    }
    /* libsvm C-SVC, linear kernel, folded into w */
    struct svm_problem prob;
    prob.l = (int)m;
    prob.y = malloc(m * sizeof *prob.y);
    prob.x = malloc(m * sizeof *prob.x);
    size_t total = 0;
    for (size_t i = 0; i < t->n; i++) total += t->nnz[i];
    struct svm_node *sn = malloc((total + t->n) * sizeof *sn);
    if (!prob.y || !prob.x || !sn) { free(prob.y); free(prob.x); free(sn); return CHUDE_ERR_NOMEM; }
    size_t k = 0, q = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (!(skip_fold < 0 || (int)t->fold[i] != skip_fold)) continue;
        prob.y[k] = y[i] ? 1 : -1;
        prob.x[k] = &sn[q];
        for (size_t c = 0; c < t->nnz[i]; c++) {
            sn[q].index = t->xrow[i][c].index;
            sn[q].value = t->xrow[i][c].value;
            q++;
        }
        sn[q].index = -1;
        sn[q].value = 0;
        q++;
        k++;
    }
    struct svm_parameter par;
    memset(&par, 0, sizeof par);
    par.svm_type = C_SVC;
    par.kernel_type = o->kernel == CHUDE_KERNEL_RBF ? RBF : LINEAR;
    par.gamma = o->gamma;
    par.C = o->C;
    par.eps = o->eps > 0 ? o->eps : 0.001;
    par.cache_size = 200;
    par.shrinking = 1;
    par.nr_weight = 2;
    par.weight_label = labels;
    par.weight = weights;
    svm_set_print_string_function(quiet);
    if (svm_check_parameter(&prob, &par)) { free(prob.y); free(prob.x); free(sn); return CHUDE_ERR_TRAIN; }
    struct svm_model *mdl = svm_train(&prob, &par);
    if (!mdl) { free(prob.y); free(prob.x); free(sn); return CHUDE_ERR_TRAIN; }
    double sign = mdl->label[0] == 1 ? 1.0 : -1.0;
    if (o->kernel == CHUDE_KERNEL_RBF) {
        /* keep the support vectors: map libsvm's 1-based problem indices to our docs */
        size_t *docs = malloc(m * sizeof *docs);
        sv->doc = malloc(((size_t)mdl->l + 1) * sizeof *sv->doc);
        sv->coef = malloc(((size_t)mdl->l + 1) * sizeof *sv->coef);
        chude_status st = (!docs || !sv->doc || !sv->coef) ? CHUDE_ERR_NOMEM : CHUDE_OK;
        if (!st) {
            size_t kk = 0;
            for (size_t i = 0; i < t->n; i++)
                if (skip_fold < 0 || (int)t->fold[i] != skip_fold) docs[kk++] = i;
            for (int s = 0; s < mdl->l; s++) {
                sv->doc[s] = docs[mdl->sv_indices[s] - 1];
                sv->coef[s] = sign * mdl->sv_coef[0][s];
            }
            sv->n = (size_t)mdl->l;
        }
        free(docs);
        *b = -sign * mdl->rho[0];
        svm_free_and_destroy_model(&mdl);
        free(prob.y); free(prob.x); free(sn);
        return st;
    }
    for (int s = 0; s < mdl->l; s++)
        for (const struct svm_node *p = mdl->SV[s]; p->index != -1; p++)
            w[p->index - 1] += sign * mdl->sv_coef[0][s] * p->value;
    *b = -sign * mdl->rho[0];
    svm_free_and_destroy_model(&mdl);
    free(prob.y);
    free(prob.x);
    free(sn);
    return CHUDE_OK;
}

static double row_dot(const tstate *t, size_t i, size_t j)
{
    const chude_svm_node *x = t->xrow[i], *z = t->xrow[j];
    size_t a = 0, ae = t->nnz[i], c = 0, ce = t->nnz[j];
    double s = 0;
    while (a < ae && c < ce) {
        if (x[a].index == z[c].index) s += x[a++].value * z[c++].value;
        else if (x[a].index < z[c].index) a++;
        else c++;
    }
    return s;
}

static double rbf_decision(const tstate *t, const svset *sv, double b, size_t i)
{
    double s = b, xx = t->sq[i];
    for (size_t k = 0; k < sv->n; k++) {
        size_t j = sv->doc[k];
        double d2 = xx + t->sq[j] - 2 * row_dot(t, i, j);
        s += sv->coef[k] * exp(-t->opt->gamma * (d2 > 0 ? d2 : 0));
    }
    return s;
}

static double decision(const tstate *t, const double *w, double b, size_t i)
{
    double s = b;
    const chude_svm_node *x = t->xrow[i];
    for (size_t k = 0; k < t->nnz[i]; k++) s += w[x[k].index - 1] * x[k].value;
    return s;
}

/* Best-F1 threshold on calibrated scores; returns a score in [0,1]. */
typedef struct { double score; size_t doc; } scored;

static int by_score_descending(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return (x->doc > y->doc) - (x->doc < y->doc);
}

double chude_train_best_threshold(const double *score, const unsigned char *y, size_t n)
{
    size_t npos = 0;
    for (size_t i = 0; i < n; i++) npos += y[i];
    if (!npos) return 1.0;
    scored *ord = malloc(n * sizeof *ord);
    if (!ord) return 0.5;
    for (size_t i = 0; i < n; i++) { ord[i].score = score[i]; ord[i].doc = i; }
    /* exact scores: scores closer than any fixed-point key could tell apart still split */
    qsort(ord, n, sizeof *ord, by_score_descending);
    double best = -1, thr = 0.5;
    size_t tp = 0, fp = 0;
    for (size_t k = 0; k < n; k++) {
        if (y[ord[k].doc]) tp++; else fp++;
        double f1 = 2.0 * (double)tp / (double)(tp + fp + npos);
        double s = ord[k].score;
        double next = k + 1 < n ? ord[k + 1].score : 0.0;
        if (f1 > best && s > next) { best = f1; thr = (s + next) / 2; }
    }
    free(ord);
    return thr;
}

static chude_status train_label(pool *p, size_t l, int worker)
{
    (void)worker;
    tstate *t = p->ctx;
    const unsigned char *y = t->y[l];
    double *w = t->w + (size_t)l * t->V;
    double *f = malloc(t->n * sizeof *f);
    double *wf = malloc((size_t)t->V * sizeof *wf);
    if (!f || !wf) { free(f); free(wf); return CHUDE_ERR_NOMEM; }
    chude_status s = CHUDE_OK;
    int rbf = t->opt->kernel == CHUDE_KERNEL_RBF;
    for (int k = 0; k < t->folds && !s; k++) {
        double b;
        svset sv = { 0, NULL, NULL };
        if ((s = fit_binary(t, (uint32_t)l, y, k, wf, &b, &sv))) { svset_free(&sv); break; }
        for (size_t i = 0; i < t->n; i++)
            if ((int)t->fold[i] == k) f[i] = rbf ? rbf_decision(t, &sv, b, i) : decision(t, wf, b, i);
        svset_free(&sv);
    }
    svset fin = { 0, NULL, NULL };
    if (!s) s = fit_binary(t, (uint32_t)l, y, -1, w, &t->bias[l], &fin);
    if (!s && !t->folds)
        for (size_t i = 0; i < t->n; i++) f[i] = rbf ? rbf_decision(t, &fin, t->bias[l], i) : decision(t, w, t->bias[l], i);
    if (!s) {
        chude_platt_fit(f, y, t->n, &t->pa[l], &t->pb[l]);
        if (t->folds && t->pa[l] >= 0) {
            /* the held-out decisions do not rank the label's documents higher (too few
             * documents for the folds to learn from): a sigmoid fitted to them would turn the
             * final model upside down, so calibrate on its own training decisions instead */
            for (size_t i = 0; i < t->n; i++) f[i] = rbf ? rbf_decision(t, &fin, t->bias[l], i) : decision(t, w, t->bias[l], i);
            chude_platt_fit(f, y, t->n, &t->pa[l], &t->pb[l]);
            t->in_sample[l] = 1;
        }
        for (size_t i = 0; i < t->n; i++) f[i] = 1.0 / (1.0 + exp(t->pa[l] * f[i] + t->pb[l]));
        t->thr[l] = t->corpus->multilabel ? chude_train_best_threshold(f, y, t->n) : 0.5;
    }
    if (!s && rbf) { t->nsv[l] = fin.n; t->sv_doc[l] = fin.doc; t->sv_coef[l] = fin.coef; }
    else svset_free(&fin);
    free(f);
    free(wf);
    return s;
}

static void tstate_free(tstate *t)
{
    if (t->ex) for (int w = 0; w < t->opt->threads; w++) chude_extractor_free(t->ex[w]);
    free(t->ex);
    if (t->sx) for (int w = 0; w < t->opt->threads; w++) chude_extractor_free(t->sx[w]);
    free(t->sx);
    if (t->dfw) for (int w = 0; w < t->opt->threads; w++) chude_map64_free(&t->dfw[w]);
    free(t->dfw);
    free(t->vhash); free(t->idf); free(t->vtable);
    if (t->xrow) for (size_t i = 0; i < t->n; i++) free(t->xrow[i]);
    free(t->xrow); free(t->nnz); free(t->sq);
    if (t->y) for (uint32_t l = 0; l < t->L; l++) free(t->y[l]);
    free(t->y);
    free(t->w); free(t->bias); free(t->pa); free(t->pb); free(t->thr); free(t->in_sample);
    free(t->fold);
    if (t->sv_doc) for (uint32_t l = 0; l < t->L; l++) { free(t->sv_doc[l]); free(t->sv_coef[l]); }
    free(t->nsv); free(t->sv_doc); free(t->sv_coef);
}

/* The model's meta JSON: the training settings, the labels calibrated on training data (when
 * any), then the caller's own fields. NULL when out of memory. */
static char *meta_with_settings(const char *meta, const chude_train_options *o, const tstate *t,
                                const char *const *names)
{
    char settings[512];
    snprintf(settings, sizeof settings,
             "\"engine\":\"%s\",\"kernel\":\"%s\",\"C\":%g,\"balanced\":%d,\"calibration_folds\":%d,\"training_documents\":%zu,"
             "\"features\":%u",
             o->engine == CHUDE_ENGINE_LIBSVM ? "libsvm-c-svc" : "dcd-l2svc-dual",
             o->kernel == CHUDE_KERNEL_RBF ? "rbf" : "linear", o->C,
             o->balanced, o->calibration_folds, t->n, t->V);
    char *in_sample = NULL;
    cJSON *list = cJSON_CreateArray();
    if (!list) return NULL;
    for (uint32_t l = 0; l < t->L; l++)
        if (t->in_sample[l] && !cJSON_AddItemToArray(list, cJSON_CreateString(names[l]))) { cJSON_Delete(list); return NULL; }
    if (cJSON_GetArraySize(list) && !(in_sample = cJSON_PrintUnformatted(list))) { cJSON_Delete(list); return NULL; }
    cJSON_Delete(list);
    const char *m = meta && *meta ? meta : "{}";
    /* meta is a JSON object text: insert our fields after its opening brace */
    const char *brace = strchr(m, '{');
    if (!brace) brace = "{}";
    const char *rest = brace + 1;
    while (*rest == ' ' || *rest == '\n') rest++;
    size_t n = strlen(m) + strlen(settings) + (in_sample ? strlen(in_sample) : 0) + 48;
    char *out = malloc(n);
    if (out)
        snprintf(out, n, "{%s%s%s%s%s", settings, in_sample ? ",\"calibrated_on_training_data\":" : "",
                 in_sample ? in_sample : "", *rest == '}' ? "" : ",", rest);
    cJSON_free(in_sample);
    return out;
}

chude_status chude_train(const chude_corpus *corpus, const size_t *subset, size_t nsubset,
                         const chude_train_options *opt, chude_progress_fn progress, void *ctx,
                         chude_model **out, chude_diag *diag)
{
    if (!corpus || !opt || !out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    chude_status s = chude_train_options_check(opt, diag);
    if (s) return s;
    if (!corpus->n_label_names) return chude_diag_set(diag, CHUDE_ERR_TRAIN, "the corpus has no labels");
    tstate t;
    memset(&t, 0, sizeof t);
    t.corpus = corpus;
    t.opt = opt;
    size_t *all = NULL;
    const char **ngram = NULL;
    float *wf = NULL;
    int nw = opt->threads;
    if (!subset) {
        all = malloc((corpus->n_docs ? corpus->n_docs : 1) * sizeof *all);
        if (!all) return CHUDE_ERR_NOMEM;
        for (size_t i = 0; i < corpus->n_docs; i++) all[i] = i;
        subset = all;
        nsubset = corpus->n_docs;
    }
    if (nsubset < 2) { free(all); return chude_diag_set(diag, CHUDE_ERR_EMPTY, "need at least 2 training documents"); }
    t.docs = subset;
    t.n = nsubset;
    t.L = corpus->n_label_names;
    t.ex = calloc((size_t)nw, sizeof *t.ex);
    t.dfw = calloc((size_t)nw, sizeof *t.dfw);
    t.sx = calloc((size_t)nw, sizeof *t.sx);
    t.xrow = calloc(t.n, sizeof *t.xrow);
    t.nnz = calloc(t.n, sizeof *t.nnz);
    t.sq = calloc(t.n, sizeof *t.sq);
    ngram = calloc(1, sizeof *ngram);
    if (!t.ex || !t.dfw || !t.sx || !t.xrow || !t.nnz || !t.sq) { s = CHUDE_ERR_NOMEM; goto done; }
    for (int w = 0; w < nw; w++) {
        if ((s = chude_extractor_new(&opt->normalize, &opt->features, 0, &t.ex[w]))) goto done;
        if (!chude_map64_init(&t.dfw[w], 1 << 16)) { s = CHUDE_ERR_NOMEM; goto done; }
    }
    pool p;
    memset(&p, 0, sizeof p);
    p.ctx = &t;
    p.nworkers = nw;
    p.fn = extract_one;
    p.n = t.n;
    if ((s = pool_go(&p, "counting n-grams", progress, ctx))) goto done;
    for (int w = 0; w < nw; w++) { chude_extractor_free(t.ex[w]); t.ex[w] = NULL; }
    if ((s = build_vocab(&t))) {
        if (s == CHUDE_ERR_EMPTY) chude_diag_set(diag, s, "no n-gram passes min-df/max-df");
        goto done;
    }
    /* pass 2: rows, and the strings of the kept n-grams */
    if ((s = chude_vocab_index(t.vhash, t.V, &t.vtable, &t.view.table_mask))) goto done;
    t.view.size = t.V;
    t.view.hash = t.vhash;
    t.view.idf = t.idf;
    t.view.table = t.vtable;
    for (int w = 0; w < nw; w++) {
        if ((s = chude_extractor_new(&opt->normalize, &opt->features, 1, &t.sx[w]))) goto done;
        chude_extractor_strings_by_id(t.sx[w]);
    }
    p.fn = row_one;
    if ((s = pool_go(&p, "extracting features", progress, ctx))) goto done;
    /* labels */
    t.y = calloc(t.L, sizeof *t.y);
    t.w = calloc((size_t)t.L * t.V, sizeof *t.w);
    t.bias = calloc(t.L, sizeof *t.bias);
    t.pa = calloc(t.L, sizeof *t.pa);
    t.pb = calloc(t.L, sizeof *t.pb);
    t.thr = calloc(t.L, sizeof *t.thr);
    t.in_sample = calloc(t.L, sizeof *t.in_sample);
    t.fold = calloc(t.n, sizeof *t.fold);
    t.nsv = calloc(t.L, sizeof *t.nsv);
    t.sv_doc = calloc(t.L, sizeof *t.sv_doc);
    t.sv_coef = calloc(t.L, sizeof *t.sv_coef);
    if (!t.y || !t.w || !t.bias || !t.pa || !t.pb || !t.thr || !t.in_sample || !t.fold || !t.nsv || !t.sv_doc || !t.sv_coef) { s = CHUDE_ERR_NOMEM; goto done; }
    for (uint32_t l = 0; l < t.L; l++) {
        t.y[l] = calloc(t.n, 1);
        if (!t.y[l]) { s = CHUDE_ERR_NOMEM; goto done; }
    }
    for (size_t i = 0; i < t.n; i++) {
        const chude_document *d = &corpus->docs[t.docs[i]];
        for (uint32_t k = 0; k < d->n_labels; k++)
            if (d->labels[k] < t.L) t.y[d->labels[k]][i] = 1;
    }
    t.folds = opt->calibration_folds;
    for (size_t i = 0; i < t.n; i++)
        t.fold[i] = t.folds ? chude_fold_of(corpus->docs[t.docs[i]].id, opt->seed, (unsigned)t.folds) : 0;
    p.fn = train_label;
    p.n = t.L;
    if ((s = pool_go(&p, "training labels", progress, ctx))) {
        chude_diag_set(diag, s, "the SVM solver failed");
        goto done;
    }
    free(ngram);
    ngram = calloc(t.V, sizeof *ngram);
    wf = malloc((size_t)t.V * t.L * sizeof *wf);
    if (!ngram || !wf) { s = CHUDE_ERR_NOMEM; goto done; }
    for (uint32_t j = 0; j < t.V; j++) {
        for (int w = 0; w < nw && !ngram[j]; w++) ngram[j] = chude_extractor_string_of(t.sx[w], j);
        for (uint32_t l = 0; l < t.L; l++) wf[(size_t)j * t.L + l] = (float)t.w[(size_t)l * t.V + j];
    }
    const char **names = (const char **)corpus->label_names;
    char *meta = s ? NULL : meta_with_settings(opt->meta_json, opt, &t, names);
    if (!s && !meta) s = CHUDE_ERR_NOMEM;
    if (!s) {
        chude_model_spec spec;
        memset(&spec, 0, sizeof spec);
        spec.normalize = opt->normalize;
        spec.features = opt->features;
        spec.multilabel = corpus->multilabel;
        spec.n_labels = t.L;
        spec.labels = names;
        spec.bias = t.bias;
        spec.platt_a = t.pa;
        spec.platt_b = t.pb;
        spec.threshold = t.thr;
        spec.vocab_size = t.V;
        spec.hash = t.vhash;
        spec.idf = t.idf;
        spec.ngram = ngram;
        spec.weights = wf;
        spec.meta_json = meta;
        spec.kernel = opt->kernel;
        spec.gamma = opt->gamma;
        uint32_t *rowof = NULL, *count = NULL, *svrow = NULL, *svcol = NULL;
        uint64_t *rstart = NULL;
        float *svval = NULL;
        double *svcoef = NULL;
        if (opt->kernel == CHUDE_KERNEL_RBF) {
            /* distinct support-vector docs become shared rows */
            size_t total = 0, nrows = 0, nnz = 0;
            for (uint32_t l = 0; l < t.L; l++) total += t.nsv[l];
            rowof = malloc(t.n * sizeof *rowof);
            count = malloc(t.L * sizeof *count);
            svrow = malloc((total + 1) * sizeof *svrow);
            svcoef = malloc((total + 1) * sizeof *svcoef);
            rstart = malloc((t.n + 1) * sizeof *rstart);
            if (!rowof || !count || !svrow || !svcoef || !rstart) s = CHUDE_ERR_NOMEM;
            if (!s) {
                for (size_t i = 0; i < t.n; i++) rowof[i] = UINT32_MAX;
                size_t k = 0;
                for (uint32_t l = 0; l < t.L; l++) {
                    count[l] = (uint32_t)t.nsv[l];
                    for (size_t q = 0; q < t.nsv[l]; q++) {
                        size_t d = t.sv_doc[l][q];
                        if (rowof[d] == UINT32_MAX) {
                            rowof[d] = (uint32_t)nrows;
                            rstart[nrows++] = nnz;
                            nnz += t.nnz[d];
                        }
                        svrow[k] = rowof[d];
                        svcoef[k] = t.sv_coef[l][q];
                        k++;
                    }
                }
                rstart[nrows] = nnz;
                svcol = malloc((nnz + 1) * sizeof *svcol);
                svval = malloc((nnz + 1) * sizeof *svval);
                if (!svcol || !svval) s = CHUDE_ERR_NOMEM;
                for (size_t d = 0; d < t.n && !s; d++) {
                    if (rowof[d] == UINT32_MAX) continue;
                    for (size_t c = 0; c < t.nnz[d]; c++) {
                        svcol[rstart[rowof[d]] + c] = (uint32_t)(t.xrow[d][c].index - 1);
                        svval[rstart[rowof[d]] + c] = (float)t.xrow[d][c].value;
                    }
                }
                spec.sv_rows = (uint32_t)nrows;
                spec.sv_row_start = rstart;
                spec.sv_col = svcol;
                spec.sv_val = svval;
                spec.sv_count = count;
                spec.sv_row = svrow;
                spec.sv_coef = svcoef;
            }
        }
        if (!s) s = chude_model_build(&spec, out, diag);
        free(rowof); free(count); free(svrow); free(svcol); free(rstart); free(svval); free(svcoef);
    }
    free(meta);
done:
    free(ngram);
    free(wf);
    tstate_free(&t);
    free(all);
    return s;
}
