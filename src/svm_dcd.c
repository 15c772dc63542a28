/* svm_dcd.c — dual coordinate descent for the L2-loss linear SVM (see svm_dcd.h).
 *
 * The dual of  min_w  ½|w|² + Σ C_i max(0, 1 − y_i w·x_i)²  is a box-free quadratic problem in
 * α ≥ 0 with diagonal term D_i = 1/(2 C_i); w = Σ α_i y_i x_i is kept up to date, so updating
 * one α_i costs one sparse dot product and one sparse axpy. Passes visit the active
 * coordinates in a fresh random order; a coordinate at α_i = 0 whose gradient exceeds the last
 * pass's largest projected gradient leaves the active set (shrinking) until the remaining ones
 * have converged, then every coordinate is checked again before stopping. It must not print,
 * allocate beyond its work arrays, or use any state but its arguments. */
#include "svm_dcd.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64* : a small random stream owned by one fit */
static uint64_t next_random(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dULL;
}

static double dot(const double *w, const chude_svm_node *x)
{
    double s = 0;
    for (; x->index != -1; x++) s += w[x->index - 1] * x->value;
    return s;
}

int chude_dcd_fit(const chude_svm_node *const *x, const signed char *y, size_t l, size_t n,
                  const chude_dcd_params *p, double *w)
{
    double *alpha = calloc(l ? l : 1, sizeof *alpha);
    double *qd = malloc((l ? l : 1) * sizeof *qd);
    size_t *order = malloc((l ? l : 1) * sizeof *order);
    if (!alpha || !qd || !order) { free(alpha); free(qd); free(order); return -1; }
    memset(w, 0, n * sizeof *w);
    for (size_t i = 0; i < l; i++) {
        double d = 0.5 / (y[i] > 0 ? p->c_pos : p->c_neg);
        for (const chude_svm_node *e = x[i]; e->index != -1; e++) d += e->value * e->value;
        qd[i] = d;
        order[i] = i;
    }
    uint64_t rs = p->seed * 0x9e3779b97f4a7c15ULL + 0x632be59bd9b4e019ULL;
    if (!rs) rs = 1;
    size_t active = l;
    double pg_max_old = INFINITY;
    int iter = 0;
    while (iter < p->max_iter) {
        double pg_max = -INFINITY, pg_min = INFINITY;
        for (size_t k = 0; k + 1 < active; k++) {   /* Fisher-Yates over the active coordinates */
            size_t j = k + (size_t)(next_random(&rs) % (active - k));
            size_t tmp = order[k]; order[k] = order[j]; order[j] = tmp;
        }
        for (size_t k = 0; k < active;) {
            size_t i = order[k];
            double diag = 0.5 / (y[i] > 0 ? p->c_pos : p->c_neg);
            double g = y[i] * dot(w, x[i]) - 1 + diag * alpha[i];
            double pg = g;
            if (alpha[i] == 0) {
                if (g > pg_max_old) {   /* at its bound and likely to stay there: shrink */
                    active--;
                    size_t tmp = order[k]; order[k] = order[active]; order[active] = tmp;
                    continue;           /* order[k] is now an unvisited coordinate */
                }
                if (g > 0) pg = 0;
            }
            if (pg > pg_max) pg_max = pg;
            if (pg < pg_min) pg_min = pg;
            if (fabs(pg) > 1e-12) {
                double old = alpha[i];
                alpha[i] = fmax(old - g / qd[i], 0.0);
                double step = (alpha[i] - old) * y[i];
                for (const chude_svm_node *e = x[i]; e->index != -1; e++) w[e->index - 1] += step * e->value;
            }
            k++;
        }
        iter++;
        if (pg_max - pg_min <= p->eps) {
            if (active == l) break;
            active = l;             /* converged on the active set: check every coordinate */
            pg_max_old = INFINITY;
            continue;
        }
        pg_max_old = pg_max > 0 ? pg_max : INFINITY;
    }
    free(alpha);
    free(qd);
    free(order);
    return iter;
}
