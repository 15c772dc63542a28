/* model.h — the versioned model file and its in-memory form.
 *
 * A model holds everything needed to classify exactly as it was trained: the normalizer
 * and feature settings, the labels with their bias, score calibration (Platt: score =
 * 1/(1+exp(A*f+B))) and decision threshold, the vocabulary (n-gram hashes, idf, an index
 * table and the n-gram strings) and one weight vector per label (stored feature-major so a
 * sparse dot product updates every label in one pass).
 *
 * File: "CHUDEMDL", format version, payload size and CRC-32, then the payload; every count,
 * size and index is checked on load, so a truncated, corrupt or foreign file gives
 * CHUDE_ERR_MODEL_FORMAT (or CHUDE_ERR_MODEL_VERSION), never a crash. Saving writes a
 * temporary file beside the target, fsyncs it and renames it over the target. */
#ifndef CHUDE_MODEL_H
#define CHUDE_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include "chude/features.h"
#include "chude/normalize.h"
#include "chude/status.h"

#define CHUDE_MODEL_FORMAT_VERSION 1u

typedef struct chude_model chude_model;   /* opaque, read-only once built or loaded */

/* Everything a model is built from; arrays are copied by chude_model_build. */
typedef struct {
    chude_normalize_options normalize;
    chude_feature_options features;
    int multilabel;              /* nonzero: one-vs-rest labels, each with a threshold */
    uint32_t n_labels;
    const char *const *labels;   /* n_labels names (UTF-8) */
    const double *bias;          /* n_labels decision-function biases */
    const double *platt_a, *platt_b;  /* n_labels calibration pairs */
    const double *threshold;     /* n_labels score thresholds in [0,1] */
    uint32_t vocab_size;
    const uint64_t *hash;        /* vocab_size n-gram hashes (distinct, nonzero) */
    const float *idf;            /* vocab_size */
    const char *const *ngram;    /* vocab_size n-gram strings (NULL entries allowed) */
    const float *weights;        /* vocab_size * n_labels, feature-major */
    const char *meta_json;       /* training details as a JSON object text, or NULL */
    /* RBF kernel models (kernel = CHUDE_KERNEL_RBF): support vectors instead of weights.
     * Label l's decision value is bias[l] + sum over its support vectors s of
     * coef[s] * exp(-gamma * |x - row[s]|^2); rows are shared between labels. */
    int kernel;                  /* CHUDE_KERNEL_LINEAR (0) or CHUDE_KERNEL_RBF (1) */
    double gamma;
    uint32_t sv_rows;            /* distinct support-vector rows */
    const uint64_t *sv_row_start;/* sv_rows + 1 offsets into sv_col/sv_val */
    const uint32_t *sv_col;      /* feature indices, increasing within a row */
    const float *sv_val;
    const uint32_t *sv_count;    /* n_labels: support vectors of each label */
    const uint32_t *sv_row;      /* sum(sv_count) row indices, label by label */
    const double *sv_coef;       /* sum(sv_count) coefficients */
} chude_model_spec;

enum { CHUDE_KERNEL_LINEAR = 0, CHUDE_KERNEL_RBF = 1 };

/* The kernel-model view (kernel == CHUDE_KERNEL_RBF); arrays owned by the model. */
typedef struct {
    int kernel;
    double gamma;
    uint32_t rows;
    const uint64_t *row_start;
    const uint32_t *col;
    const float *val;
    const uint64_t *label_start;   /* n_labels + 1 offsets into row/coef */
    const uint32_t *row;
    const double *coef;
} chude_kernel_view;

/* Builds a model from spec. *out is owned by the caller (chude_model_free). */
chude_status chude_model_build(const chude_model_spec *spec, chude_model **out, chude_diag *diag);
/* Loads a model file; diag names what is wrong. *out is owned by the caller. */
chude_status chude_model_load(const char *path, chude_model **out, chude_diag *diag);
/* Same, from bytes in memory (copied). */
chude_status chude_model_load_bytes(const void *bytes, size_t len, chude_model **out, chude_diag *diag);
/* Writes m to path atomically (temp file, fsync, rename). When path is a symbolic link the
 * file it points to is replaced and the link kept; an existing path that is not a regular
 * file (FIFO, device, directory) is refused with CHUDE_ERR_IO and left alone. */
chude_status chude_model_save(const chude_model *m, const char *path, chude_diag *diag);
void chude_model_free(chude_model *m);   /* NULL is fine */

/* Accessors; returned pointers stay owned by m and live as long as m. */
const chude_normalize_options *chude_model_normalize_options(const chude_model *m);
const chude_feature_options *chude_model_feature_options(const chude_model *m);
const chude_vocab_view *chude_model_vocab(const chude_model *m);
int chude_model_multilabel(const chude_model *m);
uint32_t chude_model_label_count(const chude_model *m);
const char *chude_model_label(const chude_model *m, uint32_t i);          /* NULL if out of range */
int64_t chude_model_label_find(const chude_model *m, const char *name);   /* -1 if absent */
double chude_model_bias(const chude_model *m, uint32_t i);
double chude_model_threshold(const chude_model *m, uint32_t i);
void chude_model_platt(const chude_model *m, uint32_t i, double *a, double *b);
const float *chude_model_weights(const chude_model *m);   /* vocab_size * label_count */
/* Kernel and support vectors; kernel is CHUDE_KERNEL_LINEAR for weight-vector models. */
const chude_kernel_view *chude_model_kernel(const chude_model *m);
/* The n-gram string of feature i, not NUL-terminated ("" when unknown, or when the file holds
 * bytes there that are not UTF-8); *len receives its length. Owned by m. */
const char *chude_model_ngram(const chude_model *m, uint32_t i, size_t *len);
const char *chude_model_meta(const chude_model *m);   /* JSON text, "{}" when none */
/* A short stable identifier: the payload's CRC-32 in hex ("3f9a02c1"). */
const char *chude_model_id(const chude_model *m);
/* Size of the model file in bytes. */
size_t chude_model_file_size(const chude_model *m);

#endif
