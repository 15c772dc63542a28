/* features.c — n-gram hashing, counting and TF-IDF weighting.
 *
 * Runs the normalizer and tokenizer, walks n-grams inside runs of joined tokens, hashes
 * them without building strings (unless asked to keep them), and weighs counts by idf.
 * It must not know about labels, models or files. */
#include "chude/features.h"
#include "chude/tokenize.h"
#include "features_private.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct chude_extractor {
    chude_feature_options fopt;
    chude_normalizer *norm;
    chude_tokenizer *tok;
    uint64_t *h;          /* n-gram hashes of the current text (with repeats) */
    size_t hcap;
    size_t nbody;         /* h[0..nbody) are the text's n-grams, h[nbody..) its title's */
    uint64_t *uh;         /* distinct hashes */
    uint32_t *cnt;        /* their counts */
    uint32_t *idx;        /* feature indices for vectors */
    uint32_t *vcnt;
    float *val;
    size_t ucap;
    uint64_t *sortbuf, *scratch;   /* radix sort keys and scratch (hcap entries) */
    uint64_t *lk;                  /* per-text table of distinct hashes (0 = empty) */
    uint32_t *lv;                  /* their index among the distinct n-grams */
    size_t lcap;                   /* slots (a power of two) */
    uint32_t *ufirst, *uslot;      /* per distinct n-gram: first occurrence, table slot */
    int keep_strings;
    int by_id;            /* keep_strings: strings per vocabulary id, in extract_vector only */
    uint32_t *occ;        /* by_id: per n-gram occurrence, first token index << 3 | length */
    uint32_t *id_str;     /* by_id: per vocabulary id, offset + 1 of its string, 0 = unknown */
    size_t id_cap;
    const char *norm_text;           /* the last normalized text and its tokens (by_id) */
    const chude_token *norm_tok;
    chude_map64 pool;     /* hash -> offset+1 into strings */
    char *strings;        /* NUL-separated n-gram strings */
    size_t slen, scap;
};

chude_feature_options chude_feature_defaults(void)
{
    chude_feature_options o = { 2, 2, 1.0, 1, 0, 0.0, 0 };
    return o;
}

chude_status chude_feature_options_check(const chude_feature_options *o, chude_diag *diag)
{
    if (!o) return CHUDE_ERR_ARGUMENT;
    if (o->ngram_max < 1 || o->ngram_max > 4)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "n-gram length must be 1..4, not %d", o->ngram_max);
    if (o->min_df < 1)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "min-df must be at least 1");
    if (!(o->max_df > 0.0 && o->max_df <= 1.0))
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "max-df must be in (0, 1]");
    if (!(o->title_weight >= 0.0 && o->title_weight <= 10.0))
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "title weight must be in [0, 10]");
    if (o->lead_tokens > 100000)
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "lead length must be at most 100000 tokens");
    if (o->lead_tokens > 0 && !(o->title_weight > 0.0))   /* the lead is a form of the second block */
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "a lead length needs a title weight above 0");
    return CHUDE_OK;
}

uint64_t chude_ngram_hash(const char *s, size_t len)
{
    uint64_t h = chude_fnv_step(CHUDE_FNV_OFFSET, s, len);
    return h ? h : 1;
}

uint64_t chude_vocab_slot(uint64_t hash, uint64_t table_mask)
{
    return chude_mix64(hash) & table_mask;
}

int64_t chude_vocab_find(const chude_vocab_view *v, uint64_t hash)
{
    if (!v || !v->table || !v->size) return -1;
    uint64_t j = chude_vocab_slot(hash, v->table_mask);
    for (uint64_t probes = 0; probes <= v->table_mask; probes++) {
        uint32_t id = v->table[j];
        if (id == UINT32_MAX) return -1;
        if (id < v->size && v->hash[id] == hash) return id;
        j = (j + 1) & v->table_mask;
    }
    return -1;
}

/* Looks up n (at most LOOKUP_BATCH) hashes at once: the table slots and then the stored
 * hashes are prefetched for the whole batch before any is compared, so the cache misses of a
 * large vocabulary overlap instead of following one another. Same answers as
 * chude_vocab_find. */
#define LOOKUP_BATCH 32
static void find_batch(const chude_vocab_view *v, const uint64_t *h, size_t n, int64_t *ids)
{
    if (!v->table || !v->size) {
        for (size_t k = 0; k < n; k++) ids[k] = -1;
        return;
    }
    uint64_t slot[LOOKUP_BATCH];
    for (size_t k = 0; k < n; k++) {
        slot[k] = chude_vocab_slot(h[k], v->table_mask);
        __builtin_prefetch(&v->table[slot[k]]);
    }
    for (size_t k = 0; k < n; k++) {
        uint32_t id = v->table[slot[k]];
        ids[k] = id;
        if (id < v->size) __builtin_prefetch(&v->hash[id]);
    }
    for (size_t k = 0; k < n; k++) {
        uint32_t id = (uint32_t)ids[k];
        if (id == UINT32_MAX) ids[k] = -1;
        else if (id < v->size && v->hash[id] == h[k]) ids[k] = id;
        else ids[k] = chude_vocab_find(v, h[k]);   /* a collision: walk the probe sequence */
    }
}

chude_status chude_vocab_index(const uint64_t *hash, uint32_t n, uint32_t **table, uint64_t *table_mask)
{
    if (!table || !table_mask || (n && !hash)) return CHUDE_ERR_ARGUMENT;
    uint64_t slots = 16;
    while (slots < (uint64_t)n * 2 + 1) slots <<= 1;
    uint32_t *t = malloc((size_t)slots * sizeof *t);
    if (!t) return CHUDE_ERR_NOMEM;
    memset(t, 0xFF, (size_t)slots * sizeof *t);
    for (uint32_t i = 0; i < n; i++) {
        uint64_t j = chude_vocab_slot(hash[i], slots - 1);
        while (t[j] != UINT32_MAX) j = (j + 1) & (slots - 1);
        t[j] = i;
    }
    *table = t;
    *table_mask = slots - 1;
    return CHUDE_OK;
}

chude_status chude_extractor_new(const chude_normalize_options *nopt,
                                 const chude_feature_options *fopt, int keep_strings,
                                 chude_extractor **out)
{
    if (!out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    chude_feature_options f = fopt ? *fopt : chude_feature_defaults();
    chude_status s = chude_feature_options_check(&f, NULL);
    if (s) return s;
    chude_extractor *ex = calloc(1, sizeof *ex);
    if (!ex) return CHUDE_ERR_NOMEM;
    ex->fopt = f;
    ex->keep_strings = keep_strings;
    if ((s = chude_normalizer_new(nopt, &ex->norm)) || (s = chude_tokenizer_new(&ex->tok))) {
        chude_extractor_free(ex);
        return s;
    }
    if (keep_strings && !chude_map64_init(&ex->pool, 1024)) {
        chude_extractor_free(ex);
        return CHUDE_ERR_NOMEM;
    }
    *out = ex;
    return CHUDE_OK;
}

void chude_extractor_free(chude_extractor *ex)
{
    if (!ex) return;
    chude_normalizer_free(ex->norm);
    chude_tokenizer_free(ex->tok);
    free(ex->h);
    free(ex->uh);
    free(ex->cnt);
    free(ex->idx);
    free(ex->vcnt);
    free(ex->val);
    free(ex->sortbuf);
    free(ex->scratch);
    free(ex->lk);
    free(ex->lv);
    free(ex->ufirst);
    free(ex->uslot);
    free(ex->occ);
    free(ex->id_str);
    chude_map64_free(&ex->pool);
    free(ex->strings);
    free(ex);
}

void chude_extractor_strings_by_id(chude_extractor *ex)
{
    if (ex && ex->keep_strings) ex->by_id = 1;
}

const char *chude_extractor_string_of(const chude_extractor *ex, uint32_t id)
{
    if (!ex || !ex->by_id || id >= ex->id_cap || !ex->id_str[id]) return NULL;
    return ex->strings + (ex->id_str[id] - 1);
}

/* The prefix of the second block's n-grams: "title:" for the first line, "lead:" for the
 * first lead_tokens tokens. */
static const char *block_prefix(const chude_feature_options *o, size_t *len)
{
    *len = o->lead_tokens ? 5 : 6;
    return o->lead_tokens ? "lead:" : "title:";
}

const char *chude_feature_block_prefix(const chude_feature_options *o, size_t *len)
{
    size_t n = 0;
    const char *p = o && o->title_weight > 0 ? block_prefix(o, &n) : NULL;
    if (len) *len = n;
    return p;
}

/* Appends the n-gram of the k tokens at t (title: with the block's prefix) to the string memory;
 * returns its offset + 1, 0 when the memory is full (string left unknown), -1 when out of
 * memory. */
static int64_t store_string(chude_extractor *ex, const char *text, const chude_token *t, int k, int title)
{
    size_t plen;
    const char *prefix = block_prefix(&ex->fopt, &plen);
    size_t need = ex->slen + (size_t)k + (title ? plen : 0);   /* k - 1 spaces, a NUL */
    for (int i = 0; i < k; i++) need += t[i].length;   /* not the span: tokens may touch */
    if (need > UINT32_MAX) return 0;
    if (need > ex->scap) {
        size_t cap = need * 2 + 4096;
        char *s = realloc(ex->strings, cap);
        if (!s) return -1;
        ex->strings = s;
        ex->scap = cap;
    }
    int64_t at = (int64_t)ex->slen + 1;
    if (title) {
        memcpy(ex->strings + ex->slen, prefix, plen);
        ex->slen += plen;
    }
    for (int i = 0; i < k; i++) {
        if (i) ex->strings[ex->slen++] = ' ';
        memcpy(ex->strings + ex->slen, text + t[i].offset, t[i].length);
        ex->slen += t[i].length;
    }
    ex->strings[ex->slen++] = 0;
    return at;
}

static int remember(chude_extractor *ex, uint64_t h, const char *text, const chude_token *t, int k,
                    int title)
{
    int added = 0;
    uint32_t *slot = chude_map64_upsert(&ex->pool, h, 0, &added);
    if (!slot) return 0;
    if (!added) return 1;
    int64_t at = store_string(ex, text, t, k, title);   /* does not touch the map */
    if (at < 0) return 0;
    *slot = (uint32_t)at;
    return 1;
}

const char *chude_extractor_string(const chude_extractor *ex, uint64_t hash, size_t *len)
{
    if (!ex || !ex->keep_strings) return NULL;
    uint32_t *v = chude_map64_find(&ex->pool, hash);
    if (!v || !*v) return NULL;
    const char *s = ex->strings + (*v - 1);
    if (len) *len = strlen(s);
    return s;
}

/* All n-gram hashes of the text, with repeats, into ex->h; returns count via *n. */
static chude_status hash_ngrams(chude_extractor *ex, const char *text, size_t len, size_t *n)
{
    const char *norm;
    size_t nlen, ntok;
    const chude_token *tok;
    chude_status s = chude_normalize(ex->norm, text, len, &norm, &nlen);
    if (s) return s;
    if ((s = chude_tokenize(ex->tok, norm, nlen, &tok, &ntok))) return s;
    /* the second block: the tokens of the first line, or the first lead_tokens tokens */
    size_t ntitle = 0;
    if (ex->fopt.title_weight > 0 && ex->fopt.lead_tokens > 0) {
        ntitle = ntok < ex->fopt.lead_tokens ? ntok : ex->fopt.lead_tokens;
    } else if (ex->fopt.title_weight > 0) {
        const char *nl = memchr(norm, '\n', nlen);
        size_t end = nl ? (size_t)(nl - norm) : nlen;
        while (ntitle < ntok && tok[ntitle].offset < end) ntitle++;
    }
    size_t need = (ntok + ntitle) * (size_t)ex->fopt.ngram_max;
    if (need > ex->hcap) {
        uint64_t *h = realloc(ex->h, need * sizeof *h);
        if (!h) return CHUDE_ERR_NOMEM;
        ex->h = h;
        uint64_t *sb = realloc(ex->sortbuf, need * sizeof *sb);
        if (!sb) return CHUDE_ERR_NOMEM;
        ex->sortbuf = sb;
        uint64_t *sc = realloc(ex->scratch, need * sizeof *sc);
        if (!sc) return CHUDE_ERR_NOMEM;
        ex->scratch = sc;
        if (ex->by_id) {
            uint32_t *oc = realloc(ex->occ, need * sizeof *oc);
            if (!oc) return CHUDE_ERR_NOMEM;
            ex->occ = oc;
        }
        ex->hcap = need;
    }
    ex->norm_text = norm;
    ex->norm_tok = tok;
    size_t m = 0, plen;
    const char *prefix = block_prefix(&ex->fopt, &plen);
    for (int block = 0; block < 2; block++) {
        size_t nt = block ? ntitle : ntok;
        uint64_t start = block ? chude_fnv_step(CHUDE_FNV_OFFSET, prefix, plen) : CHUDE_FNV_OFFSET;
        if (block) ex->nbody = m;
        for (size_t i = 0; i < nt; i++) {
            uint64_t h = start;
            for (int k = 0; k < ex->fopt.ngram_max && i + (size_t)k < nt; k++) {
                const chude_token *t = &tok[i + (size_t)k];
                if (k > 0) {
                    if (!t->joins_previous) break;
                    h = chude_fnv_step(h, " ", 1);
                }
                h = chude_fnv_step(h, norm + t->offset, t->length);
                uint64_t hh = h ? h : 1;
                if (ex->by_id) ex->occ[m] = (uint32_t)i << 3 | (uint32_t)(k + 1);
                ex->h[m++] = hh;
                if (ex->keep_strings && !ex->by_id && !remember(ex, hh, norm, &tok[i], k + 1, block))
                    return CHUDE_ERR_NOMEM;
            }
        }
    }
    *n = m;
    return CHUDE_OK;
}

static int ensure_unique(chude_extractor *ex, size_t n)
{
    if (n <= ex->ucap) return 1;
    size_t cap = n + n / 2 + 64;
    uint64_t *a = realloc(ex->uh, cap * sizeof *a);
    if (a) ex->uh = a;
    uint32_t *b = realloc(ex->cnt, cap * sizeof *b);
    if (b) ex->cnt = b;
    uint32_t *c = realloc(ex->idx, cap * sizeof *c);
    if (c) ex->idx = c;
    uint32_t *d = realloc(ex->vcnt, cap * sizeof *d);
    if (d) ex->vcnt = d;
    float *e = realloc(ex->val, cap * sizeof *e);
    if (e) ex->val = e;
    uint32_t *f = realloc(ex->ufirst, cap * sizeof *f);
    if (f) ex->ufirst = f;
    uint32_t *g = realloc(ex->uslot, cap * sizeof *g);
    if (g) ex->uslot = g;
    if (!a || !b || !c || !d || !e || !f || !g) return 0;
    ex->ucap = cap;
    return 1;
}

chude_status chude_extract_ngrams(chude_extractor *ex, const char *text, size_t len,
                                  const uint64_t **hashes, const uint32_t **counts, size_t *n)
{
    if (!ex || !hashes || !counts || !n) return CHUDE_ERR_ARGUMENT;
    size_t m;
    chude_status s = hash_ngrams(ex, text, len, &m);
    if (s) return s;
    if (!ensure_unique(ex, m)) return CHUDE_ERR_NOMEM;
    chude_sort_u64_radix(ex->h, ex->scratch, m, 0);
    size_t u = 0;
    for (size_t i = 0; i < m; i++) {
        if (u && ex->uh[u - 1] == ex->h[i]) ex->cnt[u - 1]++;
        else { ex->uh[u] = ex->h[i]; ex->cnt[u] = 1; u++; }
    }
    *hashes = ex->uh;
    *counts = ex->cnt;
    *n = u;
    return CHUDE_OK;
}

/* Term frequency of a count: raw, or 1 + ln(count) (1 exactly for the common count 1). */
static double term_frequency(uint32_t count, int sublinear_tf)
{
    return !sublinear_tf ? (double)count : count == 1 ? 1.0 : 1.0 + log((double)count);
}

void chude_tfidf_weigh(float *value, const uint32_t *counts, const uint32_t *index, size_t n,
                       const float *idf, int sublinear_tf)
{
    double norm = 0;
    for (size_t i = 0; i < n; i++) {
        double v = term_frequency(counts[i], sublinear_tf) * idf[index[i]];
        value[i] = (float)v;
        norm += v * v;
    }
    if (norm > 0) {
        double inv = 1.0 / sqrt(norm);
        for (size_t i = 0; i < n; i++) value[i] = (float)(value[i] * inv);
    }
}

#define TITLE_BIT 0x80000000u

/* TF-IDF with a title block: the text's and the title's features are weighed and
 * L2-normalised separately, the title's scaled by title_weight, and the whole normalised. */
static void weigh_blocks(chude_extractor *ex, size_t u, const float *idf)
{
    double norm[2] = { 0, 0 };
    for (size_t i = 0; i < u; i++) {
        double v = term_frequency(ex->vcnt[i], ex->fopt.sublinear_tf) * idf[ex->idx[i]];
        ex->val[i] = (float)v;
        norm[ex->sortbuf[i] & TITLE_BIT ? 1 : 0] += v * v;
    }
    double w = ex->fopt.title_weight;
    double scale[2] = { 1.0 / sqrt(norm[0]), w / sqrt(norm[1]) };
    double total = 1.0 / sqrt(1.0 + w * w);
    for (size_t i = 0; i < u; i++)
        ex->val[i] = (float)(ex->val[i] * scale[ex->sortbuf[i] & TITLE_BIT ? 1 : 0] * total);
}

chude_status chude_extract_vector(chude_extractor *ex, const chude_vocab_view *v,
                                  const char *text, size_t len, chude_sparse *out)
{
    if (!ex || !v || !out) return CHUDE_ERR_ARGUMENT;
    memset(out, 0, sizeof *out);
    size_t m;
    chude_status s = hash_ngrams(ex, text, len, &m);
    if (s) return s;
    if (!ensure_unique(ex, m)) return CHUDE_ERR_NOMEM;
    if (ex->by_id && v->size > ex->id_cap) {
        uint32_t *p = realloc(ex->id_str, v->size * sizeof *p);
        if (!p) return CHUDE_ERR_NOMEM;
        memset(p + ex->id_cap, 0, (v->size - ex->id_cap) * sizeof *p);
        ex->id_str = p;
        ex->id_cap = v->size;
    }
    /* the distinct n-grams first, in a small table that stays in cache, so the vocabulary
     * (large, mostly out of cache) is looked up once per distinct n-gram */
    size_t need = 64;
    while (need < 2 * m) need <<= 1;
    if (need > ex->lcap) {
        uint64_t *k = realloc(ex->lk, need * sizeof *k);
        if (!k) return CHUDE_ERR_NOMEM;
        ex->lk = k;
        uint32_t *l = realloc(ex->lv, need * sizeof *l);
        if (!l) return CHUDE_ERR_NOMEM;
        ex->lv = l;
        memset(ex->lk, 0, need * sizeof *ex->lk);
        ex->lcap = need;
    }
    size_t mask = ex->lcap - 1, d = 0;
    for (size_t i = 0; i < m; i++) {
        uint64_t h = ex->h[i];
        size_t j = (size_t)(chude_mix64(h) & mask);
        while (ex->lk[j] && ex->lk[j] != h) j = (j + 1) & mask;
        if (!ex->lk[j]) {
            ex->lk[j] = h;
            ex->lv[j] = (uint32_t)d;
            ex->uh[d] = h;
            ex->cnt[d] = 0;
            ex->ufirst[d] = (uint32_t)i;
            ex->uslot[d] = (uint32_t)j;
            d++;
        }
        ex->cnt[ex->lv[j]]++;
    }
    for (size_t k = 0; k < d; k++) ex->lk[ex->uslot[k]] = 0;
    /* look the distinct n-grams up, known ones become (feature, count) entries */
    size_t u = 0;
    int64_t ids[LOOKUP_BATCH];
    for (size_t i0 = 0; i0 < d; i0 += LOOKUP_BATCH) {
        size_t nb = d - i0 < LOOKUP_BATCH ? d - i0 : LOOKUP_BATCH;
        find_batch(v, ex->uh + i0, nb, ids);
        for (size_t k = 0; k < nb; k++)   /* idf is read when weighing: fetch it now */
            if (ids[k] >= 0) __builtin_prefetch(&v->idf[ids[k]]);
        for (size_t k = 0; k < nb; k++) {
            if (ids[k] < 0) continue;
            uint32_t first = ex->ufirst[i0 + k];
            if (ex->by_id && !ex->id_str[ids[k]]) {
                uint32_t o = ex->occ[first];
                int64_t at = store_string(ex, ex->norm_text, ex->norm_tok + (o >> 3), (int)(o & 7), first >= ex->nbody);
                if (at < 0) return CHUDE_ERR_NOMEM;
                ex->id_str[ids[k]] = (uint32_t)at;
            }
            /* bit 31 marks a title n-gram (title and text hashes never coincide) */
            ex->sortbuf[u++] = (uint64_t)ids[k] << 32 | (first >= ex->nbody ? TITLE_BIT : 0) | ex->cnt[i0 + k];
        }
    }
    chude_sort_u64_radix(ex->sortbuf, ex->scratch, u, 1);
    int blocks = 0;
    for (size_t i = 0; i < u; i++) {
        ex->idx[i] = (uint32_t)(ex->sortbuf[i] >> 32);
        ex->vcnt[i] = (uint32_t)ex->sortbuf[i] & ~TITLE_BIT;
        blocks |= ex->sortbuf[i] & TITLE_BIT ? 2 : 1;
    }
    if (ex->fopt.title_weight > 0 && blocks == 3)
        weigh_blocks(ex, u, v->idf);
    else
        chude_tfidf_weigh(ex->val, ex->vcnt, ex->idx, u, v->idf, ex->fopt.sublinear_tf);
    out->n = u;
    out->index = ex->idx;
    out->value = ex->val;
    return CHUDE_OK;
}
