/* eval.c — counting and reporting classification quality.
 *
 * Keeps per-label true/false positives and negatives, exact-set accuracy, and a confusion
 * matrix for single-label runs. Formats reports into strings; never prints. */
#include "chude/eval.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct chude_eval {
    uint32_t L;
    char **names;
    int multilabel;
    size_t docs, exact;
    size_t *tp, *fp, *fn;
    size_t *confusion;   /* (L+1) x (L+1): gold row, predicted column; L = none/other */
};

chude_status chude_eval_new(uint32_t n_labels, const char *const *names, int multilabel, chude_eval **out)
{
    if (!out || !n_labels || !names) return CHUDE_ERR_ARGUMENT;
    chude_eval *e = calloc(1, sizeof *e);
    if (!e) return CHUDE_ERR_NOMEM;
    e->L = n_labels;
    e->multilabel = multilabel;
    e->names = calloc(n_labels, sizeof *e->names);
    e->tp = calloc(n_labels, sizeof *e->tp);
    e->fp = calloc(n_labels, sizeof *e->fp);
    e->fn = calloc(n_labels, sizeof *e->fn);
    e->confusion = calloc((size_t)(n_labels + 1) * (n_labels + 1), sizeof *e->confusion);
    if (!e->names || !e->tp || !e->fp || !e->fn || !e->confusion) { chude_eval_free(e); return CHUDE_ERR_NOMEM; }
    for (uint32_t i = 0; i < n_labels; i++)
        if (!(e->names[i] = strdup(names[i]))) { chude_eval_free(e); return CHUDE_ERR_NOMEM; }
    *out = e;
    return CHUDE_OK;
}

void chude_eval_free(chude_eval *e)
{
    if (!e) return;
    if (e->names) for (uint32_t i = 0; i < e->L; i++) free(e->names[i]);
    free(e->names);
    free(e->tp);
    free(e->fp);
    free(e->fn);
    free(e->confusion);
    free(e);
}

static int has(const uint32_t *a, size_t n, uint32_t x)
{
    for (size_t i = 0; i < n; i++) if (a[i] == x) return 1;
    return 0;
}

chude_status chude_eval_add(chude_eval *e, const uint32_t *gold, size_t ngold, const uint32_t *pred, size_t npred)
{
    if (!e || (!gold && ngold) || (!pred && npred)) return CHUDE_ERR_ARGUMENT;
    e->docs++;
    int exact = 1;
    for (size_t i = 0; i < npred; i++) {
        uint32_t p = pred[i];
        if (p >= e->L) continue;
        if (has(gold, ngold, p)) e->tp[p]++;
        else { e->fp[p]++; exact = 0; }
    }
    for (size_t i = 0; i < ngold; i++) {
        uint32_t g = gold[i];
        if (g >= e->L) { exact = 0; continue; }
        if (!has(pred, npred, g)) { e->fn[g]++; exact = 0; }
    }
    if (exact) e->exact++;
    if (!e->multilabel) {
        uint32_t g = ngold && gold[0] < e->L ? gold[0] : e->L;
        uint32_t p = npred && pred[0] < e->L ? pred[0] : e->L;
        e->confusion[(size_t)g * (e->L + 1) + p]++;
    }
    return CHUDE_OK;
}

static double ratio(size_t a, size_t b) { return b ? (double)a / (double)b : 0.0; }
static double f1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0.0; }

void chude_eval_summarize(const chude_eval *e, chude_eval_summary *s)
{
    memset(s, 0, sizeof *s);
    s->docs = e->docs;
    s->accuracy = ratio(e->exact, e->docs);
    size_t tp = 0, fp = 0, fn = 0;
    uint32_t used = 0;
    for (uint32_t l = 0; l < e->L; l++) {
        tp += e->tp[l]; fp += e->fp[l]; fn += e->fn[l];
        if (e->tp[l] + e->fn[l] + e->fp[l] == 0) continue;   /* label absent from this set */
        double p = ratio(e->tp[l], e->tp[l] + e->fp[l]), r = ratio(e->tp[l], e->tp[l] + e->fn[l]);
        s->macro_p += p; s->macro_r += r; s->macro_f1 += f1(p, r);
        used++;
    }
    if (used) { s->macro_p /= used; s->macro_r /= used; s->macro_f1 /= used; }
    s->micro_p = ratio(tp, tp + fp);
    s->micro_r = ratio(tp, tp + fn);
    s->micro_f1 = f1(s->micro_p, s->micro_r);
}

int chude_eval_label(const chude_eval *e, uint32_t label, size_t *tp, size_t *fp, size_t *fn)
{
    if (!e || label >= e->L) return 0;
    *tp = e->tp[label]; *fp = e->fp[label]; *fn = e->fn[label];
    return 1;
}

typedef struct { char *p; size_t n, cap; int oom; } sbuf;
static void sb(sbuf *b, const char *fmt, ...)
{
    if (b->oom) return;
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k < 0) { b->oom = 1; va_end(ap2); return; }
    if (b->n + (size_t)k + 1 > b->cap) {
        size_t cap = (b->n + (size_t)k + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; va_end(ap2); return; }
        b->p = p;
        b->cap = cap;
    }
    vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap2);
    va_end(ap2);
    b->n += (size_t)k;
}

static void json_str(sbuf *b, const char *s)
{
    sb(b, "\"");
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') sb(b, "\\%c", c);
        else if (c < 0x20) sb(b, "\\u%04x", c);
        else sb(b, "%c", c);
    }
    sb(b, "\"");
}

chude_status chude_eval_format(const chude_eval *e, int json, char **out)
{
    if (!e || !out) return CHUDE_ERR_ARGUMENT;
    chude_eval_summary s;
    chude_eval_summarize(e, &s);
    sbuf b = { 0 };
    if (json) {
        sb(&b, "{\"documents\":%zu,\"accuracy\":%.4f,\"micro\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f},"
               "\"macro\":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f},\"labels\":{",
           s.docs, s.accuracy, s.micro_p, s.micro_r, s.micro_f1, s.macro_p, s.macro_r, s.macro_f1);
        for (uint32_t l = 0; l < e->L; l++) {
            double p = ratio(e->tp[l], e->tp[l] + e->fp[l]), r = ratio(e->tp[l], e->tp[l] + e->fn[l]);
            if (l) sb(&b, ",");
            json_str(&b, e->names[l]);
            sb(&b, ":{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"support\":%zu,\"tp\":%zu,\"fp\":%zu,\"fn\":%zu}",
               p, r, f1(p, r), e->tp[l] + e->fn[l], e->tp[l], e->fp[l], e->fn[l]);
        }
        sb(&b, "}");
        if (!e->multilabel) {
            sb(&b, ",\"confusion\":[");
            for (uint32_t g = 0; g < e->L; g++) {
                sb(&b, "%s[", g ? "," : "");
                for (uint32_t p = 0; p <= e->L; p++) sb(&b, "%s%zu", p ? "," : "", e->confusion[(size_t)g * (e->L + 1) + p]);
                sb(&b, "]");
            }
            sb(&b, "]");
        }
        sb(&b, "}\n");
    } else {
        size_t w = 5;
        for (uint32_t l = 0; l < e->L; l++) if (strlen(e->names[l]) > w) w = strlen(e->names[l]);
        sb(&b, "documents  %zu\n%s  %.2f%%\n", s.docs, e->multilabel ? "exact-set accuracy" : "accuracy", 100 * s.accuracy);
        sb(&b, "micro      P %.4f  R %.4f  F1 %.4f\n", s.micro_p, s.micro_r, s.micro_f1);
        sb(&b, "macro      P %.4f  R %.4f  F1 %.4f\n\n", s.macro_p, s.macro_r, s.macro_f1);
        sb(&b, "%-*s  precision  recall      f1  support\n", (int)w, "label");
        for (uint32_t l = 0; l < e->L; l++) {
            double p = ratio(e->tp[l], e->tp[l] + e->fp[l]), r = ratio(e->tp[l], e->tp[l] + e->fn[l]);
            sb(&b, "%-*s  %9.4f  %6.4f  %6.4f  %7zu\n", (int)w, e->names[l], p, r, f1(p, r), e->tp[l] + e->fn[l]);
        }
        if (!e->multilabel) {
            sb(&b, "\nconfusion (rows: gold, columns: predicted, in label order)\n");
            for (uint32_t g = 0; g < e->L; g++) {
                sb(&b, "%-*s", (int)w, e->names[g]);
                for (uint32_t p = 0; p < e->L; p++) sb(&b, " %5zu", e->confusion[(size_t)g * (e->L + 1) + p]);
                sb(&b, "\n");
            }
        }
    }
    if (b.oom) { free(b.p); return CHUDE_ERR_NOMEM; }
    *out = b.p;
    return CHUDE_OK;
}
