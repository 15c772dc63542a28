/* dcd_vs_liblinear.c — chude's own dual coordinate descent solver (src/svm_dcd.c) against
 * liblinear's train() (-s 1, the same method) on the same rows, one label against the rest at a
 * time, in the same process, alternating which runs first. Prints, per label, both times, both
 * primal objectives ½|w|² + C Σ max(0, 1 − y w·x)² (lower is better; the bias is a feature, as
 * in liblinear -B 1), and how many training rows the two weight vectors classify alike.
 * Usage: dcd_vs_liblinear FILE.svm [EPS] (svmlight, labels 1..K). Bench code: it prints. */
#include "svm_dcd.h"

#include <linear.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void quiet(const char *s) { (void)s; }

static double objective(const double *w, size_t n, struct feature_node **x, const signed char *y, size_t l, double C)
{
    double r = 0;
    for (size_t j = 0; j < n; j++) r += 0.5 * w[j] * w[j];
    for (size_t i = 0; i < l; i++) {
        double d = 0;
        for (const struct feature_node *e = x[i]; e->index != -1; e++) d += w[e->index - 1] * e->value;
        double h = 1 - y[i] * d;
        if (h > 0) r += C * h * h;
    }
    return r;
}

int main(int argc, char **argv)
{
    if (argc < 2) { fprintf(stderr, "usage: %s FILE.svm [EPS]\n", argv[0]); return 2; }
    double eps = argc > 2 ? atof(argv[2]) : 0.1;
    FILE *f = fopen(argv[1], "r");
    if (!f) { perror(argv[1]); return 2; }
    size_t cap = 1024, l = 0, nodes_cap = 1 << 20, nn = 0;
    int *lab = malloc(cap * sizeof *lab);
    size_t *start = malloc(cap * sizeof *start);
    struct feature_node *nodes = malloc(nodes_cap * sizeof *nodes);
    int maxidx = 0, maxlab = 0;
    char *line = NULL;
    size_t lc = 0;
    while (getline(&line, &lc, f) > 0) {
        if (l == cap) { cap *= 2; lab = realloc(lab, cap * sizeof *lab); start = realloc(start, cap * sizeof *start); }
        char *p = line;
        lab[l] = (int)strtol(p, &p, 10);
        if (lab[l] > maxlab) maxlab = lab[l];
        start[l] = nn;
        for (;;) {
            char *q;
            long idx = strtol(p, &q, 10);
            if (q == p || *q != ':') break;
            double v = strtod(q + 1, &p);
            if (nn + 2 >= nodes_cap) { nodes_cap *= 2; nodes = realloc(nodes, nodes_cap * sizeof *nodes); }
            nodes[nn].index = (int)idx;
            nodes[nn].value = v;
            nn++;
            if (idx > maxidx) maxidx = (int)idx;
        }
        nodes[nn].index = 0;   /* the bias slot, filled below */
        nodes[nn].value = 1;
        nn++;
        nodes[nn].index = -1;
        nn++;
        l++;
    }
    free(line);
    fclose(f);
    int n = maxidx + 1;   /* features 1..maxidx, bias = maxidx + 1 */
    struct feature_node **x = malloc(l * sizeof *x);
    for (size_t i = 0; i < l; i++) {
        x[i] = &nodes[start[i]];
        struct feature_node *e = x[i];
        while (e->index != 0) e++;
        e->index = n;
    }
    double *y = malloc(l * sizeof *y);
    signed char *ys = malloc(l);
    double *w1 = malloc((size_t)n * sizeof *w1), *w2 = malloc((size_t)n * sizeof *w2);
    set_print_string_function(quiet);
    printf("# %zu rows, %d features + bias, eps %g, C 1\n", l, maxidx, eps);
    printf("label  liblinear_s  dcd_s  ratio  obj_liblinear  obj_dcd  same_sign\n");
    double t_ll = 0, t_dcd = 0;
    for (int k = 1; k <= maxlab; k++) {
        for (size_t i = 0; i < l; i++) { y[i] = lab[i] == k ? 1 : -1; ys[i] = lab[i] == k ? 1 : -1; }
        double tl = 0, td = 0;
        for (int round = 0; round < 2; round++) {   /* each solver once; which goes first alternates */
            if ((round + k) % 2 == 0) {
                struct problem prob = { (int)l, n, y, x, -1 };   /* the bias is already a feature */
                struct parameter par;
                memset(&par, 0, sizeof par);
                par.solver_type = L2R_L2LOSS_SVC_DUAL;
                par.C = 1;
                par.eps = eps;
                double t = now();
                struct model *m = train(&prob, &par);
                tl += now() - t;
                int pos = m->label[0] == 1 ? 0 : 1;
                for (int j = 0; j < n; j++) w1[j] = get_decfun_coef(m, j + 1, pos);
                free_and_destroy_model(&m);
            } else {
                chude_dcd_params par = { 1, 1, eps, 1000, (uint64_t)k };
                double t = now();
                chude_dcd_fit((const chude_svm_node *const *)x, ys, l, (size_t)n, &par, w2);
                td += now() - t;
            }
        }
        size_t same = 0;
        for (size_t i = 0; i < l; i++) {
            double a = 0, b = 0;
            for (const struct feature_node *e = x[i]; e->index != -1; e++) { a += w1[e->index - 1] * e->value; b += w2[e->index - 1] * e->value; }
            same += (a > 0) == (b > 0);
        }
        printf("%5d  %11.2f  %5.2f  %5.2f  %13.2f  %7.2f  %zu/%zu\n", k, tl, td, td / tl,
               objective(w1, (size_t)n, x, ys, l, 1), objective(w2, (size_t)n, x, ys, l, 1), same, l);
        t_ll += tl;
        t_dcd += td;
    }
    printf("total  %11.2f  %5.2f  %5.2f\n", t_ll, t_dcd, t_dcd / t_ll);
    return 0;
}
