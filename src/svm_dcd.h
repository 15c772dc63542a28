/* svm_dcd.h — the default SVM solver: dual coordinate descent for the L2-regularised,
 * L2-loss (squared hinge) linear SVM, the method of Hsieh, Chang, Lin, Keerthi and Sundararajan
 * (ICML 2008) that liblinear's `-s 1` uses, with shrinking (internal, not installed).
 *
 * chude has its own implementation for one reason: liblinear draws its coordinate order from
 * the C library's rand(), one sequence shared by every thread of the process, so labels fitted
 * in parallel gave a different model on every run. Here each fit has its own random stream,
 * seeded by the caller: the same data and seed give the same weights at any thread count.
 * Plain data in, weights out; no globals, no I/O, no allocation beyond its work arrays. */
#ifndef CHUDE_SVM_DCD_H
#define CHUDE_SVM_DCD_H

#include <stddef.h>
#include <stdint.h>

/* One non-zero of a sparse row: 1-based feature index and value; index -1 ends a row.
 * The same layout as libsvm's svm_node, so rows can be handed to either solver. */
typedef struct {
    int index;
    double value;
} chude_svm_node;

typedef struct {
    double c_pos, c_neg;   /* cost of a positive / negative example's loss (C times its weight) */
    double eps;            /* stop when the projected gradient's spread is at most eps */
    int max_iter;          /* outer passes over the data (liblinear: 1000) */
    uint64_t seed;         /* the random stream of the coordinate order */
} chude_dcd_params;

/* Fits w (n weights, w[k-1] for feature index k; the caller's bias feature is one of them) on
 * the l rows x with labels y (+1 / -1). Returns the number of outer passes run (max_iter when
 * it did not converge), or -1 when out of memory. w is overwritten. */
int chude_dcd_fit(const chude_svm_node *const *x, const signed char *y, size_t l, size_t n,
                  const chude_dcd_params *p, double *w);

#endif
