/* features.h — syllable n-gram vectors.
 *
 * An extractor runs normalize and tokenize on a text and produces its syllable n-grams
 * (1..ngram_max, never across punctuation or paragraph breaks) as 64-bit hashes with
 * counts; against a vocabulary it produces the sublinear TF-IDF vector, L2-normalised.
 * N-gram strings are the syllables joined by one space ("cải cách"), title n-grams carry the
 * prefix "title:" ("title:cải cách") and lead n-grams "lead:" ("lead:cải cách"); the hash of
 * an n-gram is chude_ngram_hash() of that string. One extractor per thread; no I/O. */
#ifndef CHUDE_FEATURES_H
#define CHUDE_FEATURES_H

#include <stddef.h>
#include <stdint.h>
#include "chude/normalize.h"
#include "chude/status.h"

typedef struct {
    int ngram_max;          /* longest n-gram, 1..4 (default 2) */
    uint32_t min_df;        /* keep n-grams seen in at least this many training texts */
    double max_df;          /* and in at most this fraction of them (default 1.0) */
    int sublinear_tf;       /* nonzero: tf -> 1 + ln(tf) */
    uint32_t max_features;  /* 0 = no cap; else keep the most frequent (by df) */
    double title_weight;    /* 0 = off (default); else the n-grams of the first line also form a
                             * second block of features ("title:" + n-gram), weighed and
                             * L2-normalised on its own, scaled by this (0..10), and the whole
                             * vector normalised again */
    uint32_t lead_tokens;   /* with title_weight > 0: 0 = that block is the first line (the
                             * title); N = it is the first N tokens of the text (title and lead,
                             * whatever the lines), prefixed "lead:"; at most 100000; N > 0
                             * with title_weight 0 is refused by the check */
} chude_feature_options;

chude_feature_options chude_feature_defaults(void);
/* The prefix that marks the second block's n-grams under o: "title:" or "lead:" (a static
 * string), *len its length; NULL and 0 when o has no second block. */
const char *chude_feature_block_prefix(const chude_feature_options *o, size_t *len);
/* CHUDE_OK when every field is in range, else CHUDE_ERR_ARGUMENT with diag->message. */
chude_status chude_feature_options_check(const chude_feature_options *o, chude_diag *diag);

/* The hash of an n-gram string (FNV-1a 64, never 0). */
uint64_t chude_ngram_hash(const char *s, size_t len);

/* A read-only vocabulary: feature i has hash[i] and idf[i]; table is an open-addressing
 * index (size table_mask+1, UINT32_MAX = empty slot) placed by chude_vocab_slot(). The
 * arrays belong to whoever built the view (usually a loaded model). */
typedef struct {
    uint32_t size;
    const uint64_t *hash;
    const float *idf;
    const uint32_t *table;
    uint64_t table_mask;
} chude_vocab_view;

/* The feature index of an n-gram hash, or -1 when it is not in the vocabulary. */
int64_t chude_vocab_find(const chude_vocab_view *v, uint64_t hash);
/* First slot to probe for a hash in a table of table_mask+1 slots. */
uint64_t chude_vocab_slot(uint64_t hash, uint64_t table_mask);

/* Builds the index table of a vocabulary of n hashes (feature i = hash[i]): *table (owned by
 * the caller, free()) gets *table_mask + 1 slots, at most half of them used. */
chude_status chude_vocab_index(const uint64_t *hash, uint32_t n, uint32_t **table, uint64_t *table_mask);

/* A sparse vector: n entries with strictly increasing index. Owned by its producer. */
typedef struct {
    size_t n;
    const uint32_t *index;
    const float *value;
} chude_sparse;

typedef struct chude_extractor chude_extractor;   /* opaque; one per thread */

/* keep_strings nonzero: the extractor remembers the string of every n-gram it has seen
 * (for building a vocabulary); costs memory. */
chude_status chude_extractor_new(const chude_normalize_options *nopt,
                                 const chude_feature_options *fopt, int keep_strings,
                                 chude_extractor **out);
void chude_extractor_free(chude_extractor *ex);   /* NULL is fine */

/* The distinct n-grams of a text: hashes ascending with their counts. Arrays stay owned
 * by ex until the next call on it. */
chude_status chude_extract_ngrams(chude_extractor *ex, const char *text, size_t len,
                                  const uint64_t **hashes, const uint32_t **counts, size_t *n);

/* The string of an n-gram hash seen by ex (keep_strings), or NULL. Owned by ex. */
const char *chude_extractor_string(const chude_extractor *ex, uint64_t hash, size_t *len);

/* The TF-IDF vector of a text against v. *out stays owned by ex until the next call. */
chude_status chude_extract_vector(chude_extractor *ex, const chude_vocab_view *v,
                                  const char *text, size_t len, chude_sparse *out);

/* Weights counts (tf, sublinear or not) by idf and L2-normalises them, in place. */
void chude_tfidf_weigh(float *value, const uint32_t *counts, const uint32_t *index, size_t n,
                       const float *idf, int sublinear_tf);

#endif
