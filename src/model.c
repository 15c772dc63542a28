/* model.c — building, saving, loading and validating chude model files.
 *
 * The payload is one buffer; the loaded model's arrays point into it (8-byte aligned
 * sections), so loading is a read, a CRC check and validation. Every field read from a
 * file is bounds-checked before use. It must never trust a count from the file, never
 * print, and never leave a half-written model behind. */
#define _DEFAULT_SOURCE   /* MAP_POPULATE */
#include "chude/model.h"
#include "chude/decode.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define MAGIC "CHUDEMDL"
#define HEADER_SIZE 64u
#define MAX_LABELS 65535u
#define MAX_VOCAB (1u << 30)

struct chude_model {
    unsigned char *payload;   /* owned: malloc'ed, or inside map */
    void *map;                /* the file mapping (read-only, private) when loaded from a file */
    size_t map_len;
    size_t payload_size;
    chude_normalize_options norm;
    chude_feature_options feat;
    int multilabel;
    uint32_t n_labels;
    const char **labels;      /* owned array of pointers into payload */
    const double *bias, *platt_a, *platt_b, *threshold;
    chude_vocab_view vocab;
    const uint32_t *ngram_off;   /* vocab_size + 1 offsets into ngram_blob */
    const char *ngram_blob;
    const float *weights;
    const char *meta;
    char id[9];
    chude_kernel_view kv;
    uint64_t *label_start;    /* owned, for kv */
};

/* ---- writing ------------------------------------------------------------------------- */

typedef struct { unsigned char *p; size_t n, cap; int oom; } wbuf;

static void w_raw(wbuf *b, const void *src, size_t n)
{
    if (b->oom) return;
    if (b->n + n > b->cap) {
        size_t cap = (b->n + n) * 2 + 1024;
        unsigned char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; return; }
        b->p = p;
        b->cap = cap;
    }
    if (n) memcpy(b->p + b->n, src, n);
    b->n += n;
}
static void w_pad(wbuf *b) { static const unsigned char z[8]; w_raw(b, z, (8 - b->n % 8) % 8); }
static void w_u32(wbuf *b, uint32_t v) { w_raw(b, &v, 4); }
static void w_i32(wbuf *b, int32_t v) { w_raw(b, &v, 4); }
static void w_u64(wbuf *b, uint64_t v) { w_raw(b, &v, 8); }
static void w_f64(wbuf *b, double v) { w_raw(b, &v, 8); }
static void w_str(wbuf *b, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    w_u32(b, n);
    w_raw(b, s, n);
}

/* ---- reading with bounds --------------------------------------------------------------- */

typedef struct { const unsigned char *p; size_t n, pos; int bad; } rbuf;

static const void *r_raw(rbuf *b, size_t n)
{
    if (b->bad || n > b->n - b->pos) { b->bad = 1; return NULL; }
    const void *r = b->p + b->pos;
    b->pos += n;
    return r;
}
static void r_pad(rbuf *b) { size_t k = (8 - b->pos % 8) % 8; (void)r_raw(b, k); }
static uint32_t r_u32(rbuf *b) { uint32_t v = 0; const void *s = r_raw(b, 4); if (s) memcpy(&v, s, 4); return v; }
static int32_t r_i32(rbuf *b) { int32_t v = 0; const void *s = r_raw(b, 4); if (s) memcpy(&v, s, 4); return v; }
static uint64_t r_u64(rbuf *b) { uint64_t v = 0; const void *s = r_raw(b, 8); if (s) memcpy(&v, s, 8); return v; }
static double r_f64(rbuf *b) { double v = 0; const void *s = r_raw(b, 8); if (s) memcpy(&v, s, 8); return v; }
/* An array of count elements of size sz, checked for overflow; aligned by r_pad before. */
static const void *r_array(rbuf *b, uint64_t count, size_t sz)
{
    r_pad(b);
    if (count > SIZE_MAX / sz) { b->bad = 1; return NULL; }
    return r_raw(b, (size_t)count * sz);
}

/* ---- building ------------------------------------------------------------------------- */

static void serialize(const chude_model_spec *s, wbuf *b)
{
    uint32_t L = s->n_labels, V = s->vocab_size;
    uint32_t *table = NULL;
    uint64_t mask = 0;
    if (chude_vocab_index(s->hash, V, &table, &mask)) { b->oom = 1; return; }
    uint64_t slots = mask + 1;
    int title = s->features.title_weight > 0;
    int lead = title && s->features.lead_tokens > 0;
    w_u32(b, L);
    w_u32(b, V);
    w_u64(b, slots);
    w_u32(b, (s->multilabel ? 1u : 0u) | (s->kernel == CHUDE_KERNEL_RBF ? 2u : 0u) | (title ? 4u : 0u) | (lead ? 8u : 0u));
    w_i32(b, s->normalize.tone_style);
    w_i32(b, s->normalize.case_fold);
    w_i32(b, s->normalize.placeholders);
    w_i32(b, s->normalize.strip_boilerplate);
    w_i32(b, s->features.ngram_max);
    w_u32(b, s->features.min_df);
    w_u32(b, s->features.max_features);
    w_f64(b, s->features.max_df);
    w_i32(b, s->features.sublinear_tf);
    if (title) w_f64(b, s->features.title_weight);   /* only with flag 4: older files stay as they were */
    if (lead) w_u32(b, s->features.lead_tokens);     /* only with flag 8 */
    w_str(b, s->meta_json ? s->meta_json : "{}");
    for (uint32_t i = 0; i < L; i++) w_str(b, s->labels[i]);
    w_pad(b); for (uint32_t i = 0; i < L; i++) w_f64(b, s->bias[i]);
    for (uint32_t i = 0; i < L; i++) w_f64(b, s->platt_a[i]);
    for (uint32_t i = 0; i < L; i++) w_f64(b, s->platt_b[i]);
    for (uint32_t i = 0; i < L; i++) w_f64(b, s->threshold[i]);
    w_pad(b); w_raw(b, s->hash, (size_t)V * 8);
    w_pad(b); w_raw(b, s->idf, (size_t)V * 4);
    /* index table */
    w_pad(b);
    w_raw(b, table, (size_t)slots * 4);
    free(table);
    /* n-gram strings */
    w_pad(b);
    uint32_t off = 0;
    w_u32(b, 0);
    for (uint32_t i = 0; i < V; i++) {
        off += (uint32_t)(s->ngram && s->ngram[i] ? strlen(s->ngram[i]) : 0);
        w_u32(b, off);
    }
    for (uint32_t i = 0; i < V; i++)
        if (s->ngram && s->ngram[i]) w_raw(b, s->ngram[i], strlen(s->ngram[i]));
    w_pad(b); w_raw(b, s->weights, (size_t)V * L * 4);
    w_pad(b);
    if (s->kernel == CHUDE_KERNEL_RBF) {
        uint64_t nnz = s->sv_row_start[s->sv_rows], total = 0;
        for (uint32_t l = 0; l < L; l++) total += s->sv_count[l];
        w_f64(b, s->gamma);
        w_u32(b, s->sv_rows);
        w_u32(b, 0);
        w_u64(b, nnz);
        w_u64(b, total);
        w_raw(b, s->sv_row_start, ((size_t)s->sv_rows + 1) * 8);
        w_pad(b); w_raw(b, s->sv_col, (size_t)nnz * 4);
        w_pad(b); w_raw(b, s->sv_val, (size_t)nnz * 4);
        w_pad(b); w_raw(b, s->sv_count, (size_t)L * 4);
        w_pad(b); w_raw(b, s->sv_row, (size_t)total * 4);
        w_pad(b); w_raw(b, s->sv_coef, (size_t)total * 8);
        w_pad(b);
    }
}

static chude_status parse(chude_model *m, uint32_t crc, chude_diag *diag);
static uint32_t payload_crc(const unsigned char *p, size_t n);

chude_status chude_model_build(const chude_model_spec *s, chude_model **out, chude_diag *diag)
{
    if (!s || !out || !s->n_labels || !s->labels || !s->bias || !s->platt_a || !s->platt_b
        || !s->threshold || (s->vocab_size && (!s->hash || !s->idf || !s->weights)))
        return chude_diag_set(diag, CHUDE_ERR_ARGUMENT, "incomplete model specification");
    if (s->n_labels > MAX_LABELS || s->vocab_size > MAX_VOCAB)
        return chude_diag_set(diag, CHUDE_ERR_LIMIT, "too many labels or features");
    wbuf b = { 0 };
    serialize(s, &b);
    if (b.oom) { free(b.p); return CHUDE_ERR_NOMEM; }
    chude_model *m = calloc(1, sizeof *m);
    if (!m) { free(b.p); return CHUDE_ERR_NOMEM; }
    m->payload = b.p;
    m->payload_size = b.n;
    chude_status st = parse(m, payload_crc(m->payload, m->payload_size), diag);
    if (st) { chude_model_free(m); return st; }
    *out = m;
    return CHUDE_OK;
}

/* ---- parsing and validation ----------------------------------------------------------- */

static int doubles_finite(const double *a, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) if (!isfinite(a[i])) return 0;
    return 1;
}

/* Nonzero when none of the n floats is an infinity or NaN: eight independent accumulators of
 * the exponent bits, no branches, so the loop runs at memory speed. */
static int floats_finite(const float *a, uint64_t n)
{
    uint32_t acc[8] = { 0 }, bits[8];
    uint64_t k = 0;
    for (; k + 8 <= n; k += 8) {
        memcpy(bits, a + k, sizeof bits);
        for (int j = 0; j < 8; j++) acc[j] |= (uint32_t)((bits[j] & 0x7f800000u) == 0x7f800000u);
    }
    uint32_t bad = 0;
    for (int j = 0; j < 8; j++) bad |= acc[j];
    for (; k < n; k++) {
        uint32_t b;
        memcpy(&b, a + k, 4);
        bad |= (b & 0x7f800000u) == 0x7f800000u;
    }
    return !bad;
}

#define BAD(...) chude_diag_set(diag, CHUDE_ERR_MODEL_FORMAT, __VA_ARGS__)

/* Parses and validates m->payload; crc is its CRC-32 (checked against the file header by
 * the loaders), which names the model. */
static chude_status parse(chude_model *m, uint32_t crc, chude_diag *diag)
{
    rbuf b = { m->payload, m->payload_size, 0, 0 };
    uint32_t L = r_u32(&b), V = r_u32(&b);
    uint64_t slots = r_u64(&b);
    uint32_t flags = r_u32(&b);
    if (b.bad) return BAD("model payload is truncated");
    if (L == 0 || L > MAX_LABELS) return BAD("label count %u out of range", L);
    if (V > MAX_VOCAB) return BAD("vocabulary size %u out of range", V);
    if (slots < 16 || (slots & (slots - 1)) || slots <= V || slots > ((uint64_t)1 << 32))
        return BAD("index table size out of range");
    if (flags > 15 || (flags & 12) == 8) return BAD("unknown model flags %u", flags);
    m->multilabel = (int)(flags & 1);
    m->kv.kernel = flags & 2 ? CHUDE_KERNEL_RBF : CHUDE_KERNEL_LINEAR;
    m->n_labels = L;
    m->norm.tone_style = r_i32(&b);
    m->norm.case_fold = r_i32(&b);
    m->norm.placeholders = r_i32(&b);
    m->norm.strip_boilerplate = r_i32(&b);
    m->feat.ngram_max = r_i32(&b);
    m->feat.min_df = r_u32(&b);
    m->feat.max_features = r_u32(&b);
    m->feat.max_df = r_f64(&b);
    m->feat.sublinear_tf = r_i32(&b);
    m->feat.title_weight = flags & 4 ? r_f64(&b) : 0.0;
    m->feat.lead_tokens = flags & 8 ? r_u32(&b) : 0;
    if (b.bad) return BAD("model payload is truncated");
    if ((flags & 4) && !(m->feat.title_weight > 0)) return BAD("model settings out of range");
    if ((flags & 8) && m->feat.lead_tokens == 0) return BAD("model settings out of range");
    if ((m->norm.tone_style != CHUDE_TONE_FIRST && m->norm.tone_style != CHUDE_TONE_SECOND)
        || (unsigned)m->norm.case_fold > 1 || (unsigned)m->norm.placeholders > 1
        || (unsigned)m->norm.strip_boilerplate > 1 || (unsigned)m->feat.sublinear_tf > 1
        || chude_feature_options_check(&m->feat, NULL))
        return BAD("model settings out of range");
    /* meta and labels are length-prefixed UTF-8 strings without NUL; we copy none of them,
     * so labels get NUL-terminated copies below */
    uint32_t ml = r_u32(&b);
    const char *meta = r_raw(&b, ml);
    if (b.bad) return BAD("model payload is truncated (metadata)");
    if (!chude_utf8_valid(meta, ml) || memchr(meta, 0, ml)) return BAD("model metadata is not UTF-8 text");
    m->labels = calloc(L + 1u, sizeof *m->labels);
    char *metacopy = malloc((size_t)ml + 1);
    if (!m->labels || !metacopy) { free(metacopy); return CHUDE_ERR_NOMEM; }
    memcpy(metacopy, meta, ml);
    metacopy[ml] = 0;
    m->meta = metacopy;
    for (uint32_t i = 0; i < L; i++) {
        uint32_t n = r_u32(&b);
        const char *s = r_raw(&b, n);
        if (b.bad) return BAD("model payload is truncated (labels)");
        if (n == 0 || !chude_utf8_valid(s, n) || memchr(s, 0, n)) return BAD("label %u is not UTF-8 text", i);
        char *c = malloc((size_t)n + 1);
        if (!c) return CHUDE_ERR_NOMEM;
        memcpy(c, s, n);
        c[n] = 0;
        m->labels[i] = c;
    }
    m->bias = r_array(&b, L, 8);
    m->platt_a = r_raw(&b, (size_t)L * 8);
    m->platt_b = r_raw(&b, (size_t)L * 8);
    m->threshold = r_raw(&b, (size_t)L * 8);
    if (b.bad) return BAD("model payload is truncated (label parameters)");
    if (!doubles_finite(m->bias, L) || !doubles_finite(m->platt_a, L) || !doubles_finite(m->platt_b, L)
        || !doubles_finite(m->threshold, L))
        return BAD("label parameters are not finite numbers");
    for (uint32_t i = 0; i < L; i++)
        if (m->threshold[i] < 0 || m->threshold[i] > 1) return BAD("threshold of label %u out of [0,1]", i);
    m->vocab.size = V;
    m->vocab.table_mask = slots - 1;
    m->vocab.hash = r_array(&b, V, 8);
    m->vocab.idf = r_array(&b, V, 4);
    m->vocab.table = r_array(&b, slots, 4);
    m->ngram_off = r_array(&b, (uint64_t)V + 1, 4);
    if (b.bad) return BAD("model payload is truncated (vocabulary)");
    uint32_t blob = m->ngram_off[V];
    m->ngram_blob = r_raw(&b, blob);
    const float *w = r_array(&b, (uint64_t)V * L, 4);
    if (b.bad) return BAD("model payload is truncated (weights)");
    m->weights = w;
    /* contents */
    if (m->ngram_off[0] != 0) return BAD("n-gram string table is corrupt");
    for (uint32_t i = 0; i < V; i++) {
        if (m->ngram_off[i + 1] < m->ngram_off[i]) return BAD("n-gram string table is corrupt");
        if (m->vocab.hash[i] == 0) return BAD("vocabulary hash %u is zero", i);
    }
    if (!floats_finite(m->vocab.idf, V)) return BAD("an idf value is not finite");
    /* the n-gram strings are checked for UTF-8 when read (chude_model_ngram), not here: they
     * are only used for explanations, and checking megabytes of them slowed every load */
    /* every feature exactly once in the index table (a misplaced entry could only make a
     * feature unfindable, never an out-of-bounds read; the CRC catches random damage) */
    uint64_t filled = 0;
    unsigned char *seen = calloc((size_t)V / 8 + 1, 1);
    if (!seen) return CHUDE_ERR_NOMEM;
    for (uint64_t j = 0; j < slots; j++) {
        uint32_t id = m->vocab.table[j];
        if (id == UINT32_MAX) continue;
        if (id >= V || (seen[id >> 3] & (1u << (id & 7)))) { free(seen); return BAD("index table is corrupt"); }
        seen[id >> 3] |= (unsigned char)(1u << (id & 7));
        filled++;
    }
    free(seen);
    if (filled != V) return BAD("index table does not match the vocabulary");
    if (!floats_finite(w, (uint64_t)V * L)) return BAD("a weight is not finite");
    if (m->kv.kernel == CHUDE_KERNEL_RBF) {
        r_pad(&b);
        m->kv.gamma = r_f64(&b);
        m->kv.rows = r_u32(&b);
        (void)r_u32(&b);
        uint64_t nnz = r_u64(&b), total = r_u64(&b);
        if (b.bad) return BAD("model payload is truncated (support vectors)");
        if (!(isfinite(m->kv.gamma) && m->kv.gamma > 0)) return BAD("kernel gamma is not a positive number");
        m->kv.row_start = r_array(&b, (uint64_t)m->kv.rows + 1, 8);
        m->kv.col = r_array(&b, nnz, 4);
        m->kv.val = r_array(&b, nnz, 4);
        const uint32_t *count = r_array(&b, L, 4);
        m->kv.row = r_array(&b, total, 4);
        m->kv.coef = r_array(&b, total, 8);
        if (b.bad) return BAD("model payload is truncated (support vectors)");
        if (m->kv.row_start[0] != 0 || m->kv.row_start[m->kv.rows] != nnz) return BAD("support-vector rows are corrupt");
        for (uint32_t r = 0; r < m->kv.rows; r++) {
            uint64_t a = m->kv.row_start[r], e = m->kv.row_start[r + 1];
            if (e < a || e > nnz) return BAD("support-vector rows are corrupt");
            for (uint64_t k = a; k < e; k++) {
                if (m->kv.col[k] >= V || (k > a && m->kv.col[k] <= m->kv.col[k - 1]))
                    return BAD("support-vector features are corrupt");
                if (!isfinite(m->kv.val[k])) return BAD("support-vector value is not finite");
            }
        }
        m->label_start = malloc(((size_t)L + 1) * sizeof *m->label_start);
        if (!m->label_start) return CHUDE_ERR_NOMEM;
        uint64_t acc = 0;
        for (uint32_t l = 0; l < L; l++) { m->label_start[l] = acc; acc += count[l]; }
        m->label_start[L] = acc;
        if (acc != total) return BAD("support-vector counts do not add up");
        for (uint64_t k = 0; k < total; k++)
            if (m->kv.row[k] >= m->kv.rows || !isfinite(m->kv.coef[k])) return BAD("support vector %llu is corrupt", (unsigned long long)k);
        m->kv.label_start = m->label_start;
    }
    if (b.pos + 8 < b.n) return BAD("model payload has trailing data");
    snprintf(m->id, sizeof m->id, "%08lx", (unsigned long)crc);
    return CHUDE_OK;
}

void chude_model_free(chude_model *m)
{
    if (!m) return;
    if (m->labels)
        for (uint32_t i = 0; i < m->n_labels; i++) free((void *)m->labels[i]);
    free(m->labels);
    free((void *)m->meta);
    free(m->label_start);
    if (m->map) munmap(m->map, m->map_len);
    else free(m->payload);
    free(m);
}

static uint32_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }

/* CRC-32 of n bytes; a large payload is summed in two halves on two threads and combined
 * (crc32_combine), which halves the load time of a 50 MB model. */
typedef struct { const unsigned char *p; size_t n; unsigned long crc; } crc_half;
static void *crc_half_run(void *arg)
{
    crc_half *h = arg;
    h->crc = crc32(0L, h->p, (uInt)h->n);
    return NULL;
}
static uint32_t payload_crc(const unsigned char *p, size_t n)
{
    if (n < ((size_t)8 << 20)) return (uint32_t)(crc32(0L, p, (uInt)n) & 0xffffffffUL);
    crc_half second = { p + n / 2, n - n / 2, 0 };
    pthread_t th;
    if (pthread_create(&th, NULL, crc_half_run, &second) != 0)
        return (uint32_t)(crc32(0L, p, (uInt)n) & 0xffffffffUL);
    unsigned long first = crc32(0L, p, (uInt)(n / 2));
    pthread_join(th, NULL);
    return (uint32_t)(crc32_combine(first, second.crc, (z_off_t)second.n) & 0xffffffffUL);
}

/* Checks the header of len bytes at p; on success *psize_out is the payload size. */
static chude_status check_header(const unsigned char *p, size_t len, uint64_t *psize_out, chude_diag *diag)
{
    if (len < 8 || memcmp(p, MAGIC, 8) != 0) return BAD("not a chude model (bad magic)");
    if (len < HEADER_SIZE) return BAD("model file is truncated (header)");
    uint32_t version = rd32(p + 8), hsize = rd32(p + 12);
    uint64_t psize = rd64(p + 16);
    uint32_t crc = rd32(p + 24);
    if (version != CHUDE_MODEL_FORMAT_VERSION)
        return chude_diag_set(diag, CHUDE_ERR_MODEL_VERSION,
                              "model format version %u; this build reads version %u", version,
                              CHUDE_MODEL_FORMAT_VERSION);
    if (hsize != HEADER_SIZE) return BAD("model header size %u is wrong", hsize);
    if (psize != len - HEADER_SIZE)
        return BAD("model file is %s (payload %llu bytes, file holds %zu)",
                   psize > len - HEADER_SIZE ? "truncated" : "longer than its header says",
                   (unsigned long long)psize, len - HEADER_SIZE);
    if (psize > UINT32_MAX) return BAD("model payload too large");
    if (payload_crc(p + HEADER_SIZE, (size_t)psize) != crc)
        return BAD("model checksum mismatch (file is corrupt)");
    *psize_out = psize;
    return CHUDE_OK;
}

/* Takes ownership of buf (a whole model file): the payload is moved to the front of it. */
static chude_status load_owned(unsigned char *buf, size_t len, chude_model **out, chude_diag *diag)
{
    *out = NULL;
    uint64_t psize = 0;
    chude_status st = check_header(buf, len, &psize, diag);
    if (st) { free(buf); return st; }
    chude_model *m = calloc(1, sizeof *m);
    if (!m) { free(buf); return CHUDE_ERR_NOMEM; }
    uint32_t crc = rd32(buf + 24);   /* checked by check_header */
    memmove(buf, buf + HEADER_SIZE, (size_t)psize);   /* sections must be 8-byte aligned */
    m->payload = buf;
    m->payload_size = (size_t)psize;
    st = parse(m, crc, diag);
    if (st) { chude_model_free(m); return st; }
    *out = m;
    return CHUDE_OK;
}

chude_status chude_model_load_bytes(const void *bytes, size_t len, chude_model **out, chude_diag *diag)
{
    if (!out || (!bytes && len)) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    unsigned char *copy = malloc(len ? len : 1);
    if (!copy) return CHUDE_ERR_NOMEM;
    if (len) memcpy(copy, bytes, len);
    return load_owned(copy, len, out, diag);
}

chude_status chude_model_load(const char *path, chude_model **out, chude_diag *diag)
{
    if (!path || !out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    if (diag) diag->file = path;
    int fd = open(path, O_RDONLY);
    if (fd < 0) return chude_diag_set(diag, CHUDE_ERR_IO, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        close(fd);
        return chude_diag_set(diag, CHUDE_ERR_IO, "not a regular file");
    }
    size_t len = (size_t)st.st_size;
    /* Map the file (all pages at once: far cheaper than faulting them in one by one) and
     * use the payload in place; it is 8-byte aligned after the 64-byte header. */
    if (len >= HEADER_SIZE) {
        void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map != MAP_FAILED) {
            close(fd);
            uint64_t psize = 0;
            chude_status st2 = check_header(map, len, &psize, diag);
            if (st2) { munmap(map, len); return st2; }
            chude_model *m = calloc(1, sizeof *m);
            if (!m) { munmap(map, len); return CHUDE_ERR_NOMEM; }
            m->map = map;
            m->map_len = len;
            m->payload = (unsigned char *)map + HEADER_SIZE;
            m->payload_size = (size_t)psize;
            st2 = parse(m, rd32((const unsigned char *)map + 24), diag);   /* CRC checked above */
            if (st2) { chude_model_free(m); return st2; }
            *out = m;
            return CHUDE_OK;
        }
    }
    unsigned char *buf = malloc(len ? len : 1);
    if (!buf) { close(fd); return CHUDE_ERR_NOMEM; }
    size_t got = 0;
    while (got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) break;
        got += (size_t)r;
    }
    close(fd);
    if (got != len) { free(buf); return chude_diag_set(diag, CHUDE_ERR_IO, "read error"); }
    return load_owned(buf, len, out, diag);
}

/* The file a save to path replaces: path itself or, when path is a symbolic link, the end
 * of its chain of links (which need not exist yet), so that the rename replaces the target
 * and leaves the link in place. Returns a malloc'ed path, or NULL with errno set. */
static char *save_target(const char *path)
{
    char *cur = strdup(path);
    for (int hops = 0; cur; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) return cur;   /* absent: created */
        char buf[4096];
        ssize_t n = hops < 40 ? readlink(cur, buf, sizeof buf) : -1;
        if (hops >= 40) errno = ELOOP;
        else if (n >= (ssize_t)sizeof buf) { n = -1; errno = ENAMETOOLONG; }
        if (n < 0) { free(cur); return NULL; }
        const char *slash = strrchr(cur, '/');
        size_t dl = buf[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;   /* relative: beside the link */
        char *next = malloc(dl + (size_t)n + 1);
        if (next) {
            memcpy(next, cur, dl);
            memcpy(next + dl, buf, (size_t)n);
            next[dl + (size_t)n] = 0;
        }
        free(cur);
        cur = next;
    }
    errno = ENOMEM;
    return NULL;
}

chude_status chude_model_save(const chude_model *m, const char *path, chude_diag *diag)
{
    if (!m || !path) return CHUDE_ERR_ARGUMENT;
    if (diag) diag->file = path;
    unsigned char h[HEADER_SIZE];
    memset(h, 0, sizeof h);
    memcpy(h, MAGIC, 8);
    uint32_t version = CHUDE_MODEL_FORMAT_VERSION, hsize = HEADER_SIZE;
    uint64_t psize = m->payload_size;
    uint32_t crc = payload_crc(m->payload, m->payload_size);
    memcpy(h + 8, &version, 4);
    memcpy(h + 12, &hsize, 4);
    memcpy(h + 16, &psize, 8);
    memcpy(h + 24, &crc, 4);
    char *target = save_target(path);
    if (!target) {
        if (errno == ENOMEM) return CHUDE_ERR_NOMEM;
        return chude_diag_set(diag, CHUDE_ERR_IO, "cannot follow the symbolic link: %s", strerror(errno));
    }
    struct stat st;
    if (stat(target, &st) == 0 && !S_ISREG(st.st_mode)) {   /* a FIFO, device or directory stays */
        chude_status s = chude_diag_set(diag, CHUDE_ERR_IO, "%s is not a regular file; not replaced", target);
        free(target);
        return s;
    }
    size_t plen = strlen(target);
    char *tmp = malloc(plen + 32);
    if (!tmp) { free(target); return CHUDE_ERR_NOMEM; }
    snprintf(tmp, plen + 32, "%s.tmp.%ld", target, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST && unlink(tmp) == 0)   /* left by a killed run of this pid */
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        chude_status s = chude_diag_set(diag, CHUDE_ERR_IO, "cannot create %s: %s", tmp, strerror(errno));
        free(tmp);
        free(target);
        return s;
    }
    const unsigned char *parts[2] = { h, m->payload };
    size_t sizes[2] = { HEADER_SIZE, m->payload_size };
    int ok = 1;
    for (int k = 0; k < 2 && ok; k++) {
        size_t done = 0;
        while (done < sizes[k]) {
            ssize_t r = write(fd, parts[k] + done, sizes[k] - done);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) { ok = 0; break; }
            done += (size_t)r;
        }
    }
    int err = errno;
    if (ok && fsync(fd) != 0) { ok = 0; err = errno; }
    if (close(fd) != 0 && ok) { ok = 0; err = errno; }
    if (ok && rename(tmp, target) != 0) { ok = 0; err = errno; }
    free(target);
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return chude_diag_set(diag, CHUDE_ERR_IO, "cannot write model: %s", strerror(err ? err : EIO));
    }
    free(tmp);
    return CHUDE_OK;
}

const chude_normalize_options *chude_model_normalize_options(const chude_model *m) { return &m->norm; }
const chude_feature_options *chude_model_feature_options(const chude_model *m) { return &m->feat; }
const chude_vocab_view *chude_model_vocab(const chude_model *m) { return &m->vocab; }
int chude_model_multilabel(const chude_model *m) { return m->multilabel; }
uint32_t chude_model_label_count(const chude_model *m) { return m->n_labels; }
const char *chude_model_label(const chude_model *m, uint32_t i) { return i < m->n_labels ? m->labels[i] : NULL; }
int64_t chude_model_label_find(const chude_model *m, const char *name)
{
    for (uint32_t i = 0; i < m->n_labels; i++)
        if (strcmp(m->labels[i], name) == 0) return i;
    return -1;
}
double chude_model_bias(const chude_model *m, uint32_t i) { return m->bias[i]; }
double chude_model_threshold(const chude_model *m, uint32_t i) { return m->threshold[i]; }
void chude_model_platt(const chude_model *m, uint32_t i, double *a, double *b)
{
    *a = m->platt_a[i];
    *b = m->platt_b[i];
}
const float *chude_model_weights(const chude_model *m) { return m->weights; }
const chude_kernel_view *chude_model_kernel(const chude_model *m) { return &m->kv; }
const char *chude_model_ngram(const chude_model *m, uint32_t i, size_t *len)
{
    if (i >= m->vocab.size) { if (len) *len = 0; return ""; }
    const char *s = m->ngram_blob + m->ngram_off[i];
    size_t n = m->ngram_off[i + 1] - m->ngram_off[i];
    if (!chude_utf8_valid(s, n)) n = 0, s = "";   /* a damaged file that kept its CRC */
    if (len) *len = n;
    return s;
}
const char *chude_model_meta(const chude_model *m) { return m->meta; }
const char *chude_model_id(const chude_model *m) { return m->id; }
size_t chude_model_file_size(const chude_model *m) { return m->payload_size + HEADER_SIZE; }
