/* eval.h — accuracy, per-label precision/recall/F1, micro/macro averages, confusion.
 *
 * Collects (gold, predicted) label sets and reports on them. Single-label evaluation also
 * keeps a confusion matrix. The report is formatted into a caller-owned string (text or
 * JSON); nothing is printed here. */
#ifndef CHUDE_EVAL_H
#define CHUDE_EVAL_H

#include <stddef.h>
#include <stdint.h>
#include "chude/status.h"

typedef struct chude_eval chude_eval;

/* names: n_labels label names (copied). multilabel: accuracy is exact-set accuracy. */
chude_status chude_eval_new(uint32_t n_labels, const char *const *names, int multilabel, chude_eval **out);
void chude_eval_free(chude_eval *e);   /* NULL is fine */
/* Adds one document; label indices >= n_labels are counted as "other" (never correct). */
chude_status chude_eval_add(chude_eval *e, const uint32_t *gold, size_t ngold, const uint32_t *pred, size_t npred);

typedef struct {
    size_t docs;
    double accuracy;
    double micro_p, micro_r, micro_f1;
    double macro_p, macro_r, macro_f1;
} chude_eval_summary;

void chude_eval_summarize(const chude_eval *e, chude_eval_summary *out);
/* Per-label counts; returns 0 when label is out of range. */
int chude_eval_label(const chude_eval *e, uint32_t label, size_t *tp, size_t *fp, size_t *fn);

/* A report: json nonzero gives one JSON object, else aligned text with the confusion matrix
 * (single-label). *out is malloc'ed, owned by the caller (free()). */
chude_status chude_eval_format(const chude_eval *e, int json, char **out);

#endif
