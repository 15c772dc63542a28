/* train.h — training a chude model from a labeled corpus.
 *
 * One binary linear SVM per label (one-vs-rest), for single-label (multi-class) and
 * multi-label corpora alike, so prediction is one sparse dot product per label. Engines:
 * dual coordinate descent for the L2-loss SVM (default; liblinear's `-s 1` method, implemented
 * in chude with a random stream per fit, so a model is the same at any thread count; seconds
 * on 34k documents) or libsvm's C-SVC
 * with a linear kernel (folded into one weight vector per label after training). Scores are
 * calibrated with Platt scaling on out-of-fold decision values; multi-label thresholds
 * maximise each label's out-of-fold F1. The library reports progress through a callback and
 * never prints. */
#ifndef CHUDE_TRAIN_H
#define CHUDE_TRAIN_H

#include <stddef.h>
#include <stdint.h>
#include "chude/corpus.h"
#include "chude/features.h"
#include "chude/model.h"
#include "chude/normalize.h"
#include "chude/status.h"

enum { CHUDE_ENGINE_DCD = 0, CHUDE_ENGINE_LIBSVM = 1 };
/* the default engine's former name (it called liblinear until version 0.x's own solver) */
#define CHUDE_ENGINE_LIBLINEAR CHUDE_ENGINE_DCD

typedef struct {
    chude_normalize_options normalize;
    chude_feature_options features;   /* chude_train_defaults(): the library's feature
                                       * defaults with a title block of weight 0.3 */
    int engine;             /* CHUDE_ENGINE_* (default DCD) */
    int kernel;             /* CHUDE_KERNEL_LINEAR (default) or CHUDE_KERNEL_RBF (libsvm only) */
    double gamma;           /* RBF gamma (default 1.0; vectors are L2-normalised) */
    double C;               /* SVM cost (default 1) */
    double eps;             /* solver tolerance (default 0.1 DCD, 0.001 libsvm) */
    int balanced;           /* nonzero: weight positives by negatives/positives (capped at 10) */
    const double *label_weight; /* NULL, or one multiplier per corpus label for the cost of its
                                 * positives (like libsvm's -wi); applied after balancing */
    int calibration_folds;  /* folds for Platt scaling and thresholds; 0 = fit on training data */
    int threads;            /* worker threads (default 1) */
    uint64_t seed;          /* fold assignment (default 1) */
    const char *meta_json;  /* a JSON object stored in the model (settings are added), or NULL */
} chude_train_options;

chude_train_options chude_train_defaults(void);
/* CHUDE_OK when every option is in range, else CHUDE_ERR_ARGUMENT naming the option. */
chude_status chude_train_options_check(const chude_train_options *o, chude_diag *diag);

/* Progress: stage is a short static English phrase ("extracting features"); done/total
 * count its units. Called from the training thread only. */
typedef void (*chude_progress_fn)(void *ctx, const char *stage, size_t done, size_t total);

/* Trains on the documents of corpus listed in subset (nsubset indices; NULL = all).
 * *out is a new model owned by the caller. */
chude_status chude_train(const chude_corpus *corpus, const size_t *subset, size_t nsubset,
                         const chude_train_options *opt, chude_progress_fn progress, void *ctx,
                         chude_model **out, chude_diag *diag);

/* Platt scaling: fits A, B so that 1/(1+exp(A*f+B)) estimates P(positive | f) for the n
 * decision values f with labels y (nonzero = positive). Exposed for tests. */
void chude_platt_fit(const double *f, const unsigned char *y, size_t n, double *A, double *B);

/* The multi-label threshold: the cut between two adjacent distinct scores (calibrated, in
 * [0,1]) that maximises F1 of score > cut against y; 1.0 when no y is positive, 0.5 when out of
 * memory. Exposed for tests. */
double chude_train_best_threshold(const double *score, const unsigned char *y, size_t n);

/* Deterministic fold of an id for k folds (FNV-1a of the id, seed mixed in). */
unsigned chude_fold_of(const char *id, uint64_t seed, unsigned k);

#endif
