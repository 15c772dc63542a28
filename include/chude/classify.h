/* classify.h — scoring texts with a model.
 *
 * A classifier pairs a (shared, read-only) model with one thread's extractor and buffers.
 * Each label's decision value is a sparse dot product plus bias; its score in [0,1] is the
 * model's Platt calibration of that value. A single-label model predicts its best label; a
 * multi-label model predicts every label whose score reaches its threshold (possibly none).
 * A text with no n-gram known to the model (empty, or in another language) gets no label.
 * No I/O, no globals; one classifier per thread. */
#ifndef CHUDE_CLASSIFY_H
#define CHUDE_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>
#include "chude/model.h"
#include "chude/status.h"

typedef struct {
    uint32_t label;     /* index into the model's labels */
    double score;       /* calibrated, in [0,1] */
    double decision;    /* raw decision value */
} chude_label_score;

typedef struct {
    int top_k;          /* 0 = no limit; for single-label models, how many labels to return (default 1) */
    double threshold;   /* < 0: the model's per-label thresholds; else one threshold for all */
} chude_predict_options;

chude_predict_options chude_predict_defaults(void);

typedef struct chude_classifier chude_classifier;   /* opaque; one per thread */

/* m must outlive the classifier. */
chude_status chude_classifier_new(const chude_model *m, chude_classifier **out);
void chude_classifier_free(chude_classifier *c);   /* NULL is fine */

/* Scores len bytes of UTF-8 text. *all receives every label's score (model order, n_labels
 * entries); *pred the predicted labels, best first, *npred of them. Both stay owned by c
 * until its next call. */
chude_status chude_classify(chude_classifier *c, const char *text, size_t len,
                            const chude_predict_options *opt, const chude_label_score **all,
                            const chude_label_score **pred, size_t *npred);

typedef struct {
    uint32_t feature;      /* feature index; chude_model_ngram() gives its text. With a second
                            * block, the text block's feature when the n-gram has one there */
    double weight;         /* contribution to the decision value (tf-idf value * weight),
                            * summed over the text block and the second block */
    double block_weight;   /* the second block's part of weight ("title:" / "lead:" n-gram);
                            * 0 when the model has no second block or the n-gram is not there */
    const char *ngram;     /* the n-gram without a block prefix, not NUL-terminated; owned by
                            * the model */
    size_t ngram_len;
} chude_contribution;

/* The k n-grams of the last classified text that raised label's decision value most, best
 * first. An n-gram that counts both in the text and in the second block (title or lead) is one
 * entry whose weight is the sum of both parts. RBF-kernel models have no per-feature weights:
 * *n is then 0. *out stays owned by c until its next call; *n receives the count (<= k). */
chude_status chude_classify_explain(chude_classifier *c, uint32_t label, size_t k,
                                    const chude_contribution **out, size_t *n);

#endif
