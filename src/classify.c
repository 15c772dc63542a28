/* classify.c — sparse dot products, calibrated scores, predictions and explanations.
 *
 * The model's weights are feature-major, so one pass over the text's non-zero features
 * updates every label's decision value. It must not modify the model, print, or keep state
 * beyond the last text's vector (needed for explanations). */
#include "chude/classify.h"
#include "chude/features.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct chude_classifier {
    const chude_model *m;
    chude_extractor *ex;
    chude_sparse last;
    chude_label_score *all, *pred;
    double *dec;
    chude_contribution *contrib;
    size_t contrib_cap;
    float *dense;         /* RBF: the text's vector scattered over the vocabulary */
    double *krow;         /* RBF: kernel value per support-vector row */
};

chude_predict_options chude_predict_defaults(void)
{
    chude_predict_options o = { 0, -1.0 };
    return o;
}

chude_status chude_classifier_new(const chude_model *m, chude_classifier **out)
{
    if (!m || !out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    chude_classifier *c = calloc(1, sizeof *c);
    if (!c) return CHUDE_ERR_NOMEM;
    c->m = m;
    uint32_t L = chude_model_label_count(m);
    c->all = calloc(L, sizeof *c->all);
    c->pred = calloc(L, sizeof *c->pred);
    c->dec = calloc(L, sizeof *c->dec);
    const chude_kernel_view *kv = chude_model_kernel(m);
    if (kv->kernel == CHUDE_KERNEL_RBF) {
        c->dense = calloc(chude_model_vocab(m)->size + 1u, sizeof *c->dense);
        c->krow = calloc(kv->rows + 1u, sizeof *c->krow);
        if (!c->dense || !c->krow) { chude_classifier_free(c); return CHUDE_ERR_NOMEM; }
    }
    chude_status s = (!c->all || !c->pred || !c->dec) ? CHUDE_ERR_NOMEM
                     : chude_extractor_new(chude_model_normalize_options(m), chude_model_feature_options(m), 0, &c->ex);
    if (s) { chude_classifier_free(c); return s; }
    *out = c;
    return CHUDE_OK;
}

void chude_classifier_free(chude_classifier *c)
{
    if (!c) return;
    chude_extractor_free(c->ex);
    free(c->all);
    free(c->pred);
    free(c->dec);
    free(c->contrib);
    free(c->dense);
    free(c->krow);
    free(c);
}

static int by_score_desc(const void *a, const void *b)
{
    const chude_label_score *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    if (x->decision != y->decision) return x->decision < y->decision ? 1 : -1;
    return (x->label > y->label) - (x->label < y->label);
}

chude_status chude_classify(chude_classifier *c, const char *text, size_t len,
                            const chude_predict_options *opt, const chude_label_score **all,
                            const chude_label_score **pred, size_t *npred)
{
    if (!c || !all || !pred || !npred || (!text && len)) return CHUDE_ERR_ARGUMENT;
    chude_predict_options o = opt ? *opt : chude_predict_defaults();
    const chude_model *m = c->m;
    uint32_t L = chude_model_label_count(m);
    chude_status s = chude_extract_vector(c->ex, chude_model_vocab(m), text ? text : "", len, &c->last);
    if (s) return s;
    const float *W = chude_model_weights(m);
    const chude_kernel_view *kv = chude_model_kernel(m);
    for (uint32_t l = 0; l < L; l++) c->dec[l] = chude_model_bias(m, l);
    if (kv->kernel == CHUDE_KERNEL_RBF) {
        double xx = 0;
        for (size_t k = 0; k < c->last.n; k++) {
            c->dense[c->last.index[k]] = c->last.value[k];
            xx += (double)c->last.value[k] * c->last.value[k];
        }
        for (uint32_t r = 0; r < kv->rows; r++) {
            double dot = 0, rr = 0;
            for (uint64_t k = kv->row_start[r]; k < kv->row_start[r + 1]; k++) {
                dot += (double)kv->val[k] * c->dense[kv->col[k]];
                rr += (double)kv->val[k] * kv->val[k];
            }
            double d2 = xx + rr - 2 * dot;
            c->krow[r] = exp(-kv->gamma * (d2 > 0 ? d2 : 0));
        }
        for (size_t k = 0; k < c->last.n; k++) c->dense[c->last.index[k]] = 0;
        for (uint32_t l = 0; l < L; l++)
            for (uint64_t q = kv->label_start[l]; q < kv->label_start[l + 1]; q++)
                c->dec[l] += kv->coef[q] * c->krow[kv->row[q]];
    } else {
        for (size_t k = 0; k < c->last.n; k++) {
            if (k + 8 < c->last.n) __builtin_prefetch(W + (size_t)c->last.index[k + 8] * L);
            const float *row = W + (size_t)c->last.index[k] * L;
            double v = c->last.value[k];
            for (uint32_t l = 0; l < L; l++) c->dec[l] += v * row[l];
        }
    }
    for (uint32_t l = 0; l < L; l++) {
        double a, b;
        chude_model_platt(m, l, &a, &b);
        c->all[l].label = l;
        c->all[l].decision = c->dec[l];
        c->all[l].score = 1.0 / (1.0 + exp(a * c->dec[l] + b));
    }
    memcpy(c->pred, c->all, L * sizeof *c->pred);
    qsort(c->pred, L, sizeof *c->pred, by_score_desc);
    size_t n = 0;
    if (c->last.n == 0) {
        /* no known n-gram: nothing to base a label on, whatever the model type */
    } else if (!chude_model_multilabel(m)) {
        n = o.top_k > 0 ? (size_t)o.top_k : 1;
        if (n > L) n = L;
        if (o.threshold >= 0) {   /* an explicit threshold can empty a single-label answer */
            size_t k = 0;
            while (k < n && c->pred[k].score >= o.threshold) k++;
            n = k;
        }
    } else {
        for (uint32_t k = 0; k < L; k++) {
            double t = o.threshold >= 0 ? o.threshold : chude_model_threshold(m, c->pred[k].label);
            if (c->pred[k].score >= t) c->pred[n++] = c->pred[k];
        }
        if (o.top_k > 0 && n > (size_t)o.top_k) n = (size_t)o.top_k;
    }
    *all = c->all;
    *pred = c->pred;
    *npred = n;
    return CHUDE_OK;
}

static int by_weight_desc(const void *a, const void *b)
{
    const chude_contribution *x = a, *y = b;
    if (x->weight != y->weight) return x->weight < y->weight ? 1 : -1;
    return (x->feature > y->feature) - (x->feature < y->feature);
}

/* Orders two contributions by their n-gram's text (bytes, then length); 0 when the same. */
static int ngram_order(const chude_contribution *x, const chude_contribution *y)
{
    size_t n = x->ngram_len < y->ngram_len ? x->ngram_len : y->ngram_len;
    int d = n ? memcmp(x->ngram, y->ngram, n) : 0;
    if (d) return d;
    return (x->ngram_len > y->ngram_len) - (x->ngram_len < y->ngram_len);
}

/* Groups the text block's and the second block's form of an n-gram: by text, then with the
 * text block's feature first. */
static int by_ngram(const void *a, const void *b)
{
    const chude_contribution *x = a, *y = b;
    int d = ngram_order(x, y);
    if (d) return d;
    int xb = x->block_weight != 0, yb = y->block_weight != 0;   /* zero weights are gone by now */
    if (xb != yb) return xb - yb;
    return (x->feature > y->feature) - (x->feature < y->feature);
}

chude_status chude_classify_explain(chude_classifier *c, uint32_t label, size_t k,
                                    const chude_contribution **out, size_t *n)
{
    if (!c || !out || !n) return CHUDE_ERR_ARGUMENT;
    uint32_t L = chude_model_label_count(c->m);
    if (label >= L) return CHUDE_ERR_ARGUMENT;
    if (chude_model_kernel(c->m)->kernel == CHUDE_KERNEL_RBF) {   /* no per-n-gram weights */
        *out = c->contrib;
        *n = 0;
        return CHUDE_OK;
    }
    if (c->last.n > c->contrib_cap) {
        chude_contribution *p = realloc(c->contrib, c->last.n * sizeof *p);
        if (!p) return CHUDE_ERR_NOMEM;
        c->contrib = p;
        c->contrib_cap = c->last.n;
    }
    size_t plen;
    const char *prefix = chude_feature_block_prefix(chude_model_feature_options(c->m), &plen);
    const float *W = chude_model_weights(c->m);
    chude_contribution *e = c->contrib;
    size_t nz = 0;   /* the features that move the decision value at all */
    for (size_t i = 0; i < c->last.n; i++) {
        uint32_t f = c->last.index[i];
        double w = c->last.value[i] * W[(size_t)f * L + label];
        if (w == 0) continue;
        size_t len;
        const char *g = chude_model_ngram(c->m, f, &len);
        int block = prefix && len >= plen && memcmp(g, prefix, plen) == 0;
        e[nz].feature = f;
        e[nz].weight = w;
        e[nz].block_weight = block ? w : 0;
        e[nz].ngram = block ? g + plen : g;
        e[nz].ngram_len = block ? len - plen : len;
        nz++;
    }
    size_t m = 0;
    if (prefix) {   /* merge the two forms of each n-gram; unknown strings ("") stay apart */
        qsort(e, nz, sizeof *e, by_ngram);
        for (size_t i = 0; i < nz; i++) {
            if (m && e[i].ngram_len && ngram_order(&e[i], &e[m - 1]) == 0) {
                e[m - 1].weight += e[i].weight;
                e[m - 1].block_weight += e[i].block_weight;
            } else {
                e[m++] = e[i];
            }
        }
    } else {
        m = nz;
    }
    size_t pos = 0;
    for (size_t i = 0; i < m; i++)
        if (e[i].weight > 0) e[pos++] = e[i];
    qsort(e, pos, sizeof *e, by_weight_desc);
    *out = e;
    *n = pos < k ? pos : k;
    return CHUDE_OK;
}
