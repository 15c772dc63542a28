/* load_time.c — in-process model load time: chude_model_load() of each file given, 15 times,
 * prints the median in milliseconds. Built and run by bench/model_load.py; not installed. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "chude/model.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    for (int f = 1; f < argc; f++) {
        double t[15];
        for (int i = 0; i < 15; i++) {
            struct timespec a, b;
            chude_model *m = NULL;
            clock_gettime(CLOCK_MONOTONIC, &a);
            if (chude_model_load(argv[f], &m, NULL) != CHUDE_OK) { fprintf(stderr, "%s: cannot load\n", argv[f]); return 1; }
            clock_gettime(CLOCK_MONOTONIC, &b);
            chude_model_free(m);
            t[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        }
        qsort(t, 15, sizeof *t, cmp);
        printf("%s\t%.1f\n", argv[f], t[7]);
    }
    return 0;
}
