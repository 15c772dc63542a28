/* output.c — text, JSON, JSONL and TSV renderings of classification results.
 *
 * JSON strings are escaped here (ids and n-grams come from untrusted input). It formats
 * into memory only; main.c owns the streams. */
#include "output.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ob_printf(obuf *b, const char *fmt, ...)
{
    if (b->oom) return;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (k >= 0 && b->n + (size_t)k + 1 > b->cap) {
        size_t cap = (b->n + (size_t)k + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->oom = 1; va_end(ap2); return; }
        b->p = p;
        b->cap = cap;
    }
    if (k >= 0) {
        vsnprintf(b->p + b->n, (size_t)k + 1, fmt, ap2);
        b->n += (size_t)k;
    }
    va_end(ap2);
}

void ob_free(obuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

void ob_json_string(obuf *b, const char *s, size_t n)
{
    ob_printf(b, "\"");
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\' || c < 0x20) {
            if (i > run) ob_printf(b, "%.*s", (int)(i - run), s + run);
            if (c == '"') ob_printf(b, "\\\"");
            else if (c == '\\') ob_printf(b, "\\\\");
            else if (c == '\n') ob_printf(b, "\\n");
            else if (c == '\t') ob_printf(b, "\\t");
            else ob_printf(b, "\\u%04x", c);
            run = i + 1;
        }
    }
    if (n > run) ob_printf(b, "%.*s", (int)(n - run), s + run);
    ob_printf(b, "\"");
}

/* A TSV field: tab, newline, carriage return and backslash as \t \n \r \\ (so every record
 * is one line of exactly two fields). */
static void ob_tsv_field(obuf *b, const char *s)
{
    size_t run = 0, i = 0;
    for (; s[i]; i++) {
        char c = s[i];
        if (c != '\t' && c != '\n' && c != '\r' && c != '\\') continue;
        if (i > run) ob_printf(b, "%.*s", (int)(i - run), s + run);
        ob_printf(b, "\\%c", c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
        run = i + 1;
    }
    if (i > run) ob_printf(b, "%.*s", (int)(i - run), s + run);
}

/* The "labels" array: predicted labels with their scores, best first. */
static void json_labels(obuf *b, const chude_model *m, const chude_label_score *pred, size_t npred)
{
    ob_printf(b, "\"labels\":[");
    for (size_t i = 0; i < npred; i++) {
        const char *label = chude_model_label(m, pred[i].label);
        ob_printf(b, "%s{\"label\":", i ? "," : "");
        ob_json_string(b, label, strlen(label));
        ob_printf(b, ",\"score\":%.4f}", pred[i].score);
    }
    ob_printf(b, "]");
}

/* "title" or "lead": the name of the model's second feature block (its n-grams' prefix without
 * the colon), NULL when the model has none. */
static const char *block_name(const chude_model *m, int *len)
{
    size_t plen;
    const char *p = chude_feature_block_prefix(chude_model_feature_options(m), &plen);
    *len = p ? (int)plen - 1 : 0;
    return p;
}

/* block, block_len: block_name() of m */
static void json_explain(obuf *b, const chude_model *m, chude_classifier *ex, const chude_label_score *pred,
                         size_t npred, int k, const char *block, int block_len)
{
    ob_printf(b, ",\"explain\":{");
    for (size_t i = 0; i < npred; i++) {
        const chude_contribution *c;
        size_t n = 0;
        if (i) ob_printf(b, ",");
        const char *label = chude_model_label(m, pred[i].label);
        ob_json_string(b, label, strlen(label));
        ob_printf(b, ":[");
        if (chude_classify_explain(ex, pred[i].label, (size_t)k, &c, &n) == CHUDE_OK)
            for (size_t j = 0; j < n; j++) {
                ob_printf(b, "%s{\"ngram\":", j ? "," : "");
                ob_json_string(b, c[j].ngram, c[j].ngram_len);
                ob_printf(b, ",\"weight\":%.4f", c[j].weight);
                if (block) ob_printf(b, ",\"%.*s\":%.4f", block_len, block, c[j].block_weight);
                ob_printf(b, "}");
            }
        ob_printf(b, "]");
    }
    ob_printf(b, "}");
}

void format_result(obuf *b, const classify_cli *cli, const chude_model *m, const char *id_json,
                   const char *name, const chude_label_score *pred, size_t npred,
                   const chude_label_score *all, chude_classifier *ex)
{
    uint32_t L = chude_model_label_count(m);
    int block_len = 0;
    const char *block = cli->explain ? block_name(m, &block_len) : NULL;
    switch (cli->format) {
    case FMT_JSON:
    case FMT_JSONL:
        ob_printf(b, "{\"id\":%s,", id_json);
        json_labels(b, m, pred, npred);
        if (cli->all_scores) {
            ob_printf(b, ",\"scores\":{");
            for (uint32_t l = 0; l < L; l++) {
                const char *label = chude_model_label(m, l);
                if (l) ob_printf(b, ",");
                ob_json_string(b, label, strlen(label));
                ob_printf(b, ":%.4f", all[l].score);
            }
            ob_printf(b, "}");
        }
        if (cli->explain) json_explain(b, m, ex, pred, npred, cli->explain, block, block_len);
        ob_printf(b, "}%s", cli->format == FMT_JSONL ? "\n" : "");
        break;
    case FMT_TSV:
        ob_tsv_field(b, name);
        ob_printf(b, "\t");
        for (size_t i = 0; i < npred; i++)
            ob_printf(b, "%s%s:%.4f", i ? "," : "", chude_model_label(m, pred[i].label), pred[i].score);
        ob_printf(b, "\n");
        break;
    case FMT_TEXT:
        ob_printf(b, "%s\n", name);
        if (!npred)
            ob_printf(b, "  (none: %s)\n", chude_model_multilabel(m) ? "no label reaches its threshold" : "no known words, or below --threshold");
        for (size_t i = 0; i < npred; i++) {
            ob_printf(b, "  %-28s %.4f\n", chude_model_label(m, pred[i].label), pred[i].score);
            if (cli->explain) {
                const chude_contribution *c;
                size_t n = 0;
                if (chude_classify_explain(ex, pred[i].label, (size_t)cli->explain, &c, &n) == CHUDE_OK && n) {
                    ob_printf(b, "      because of:");
                    for (size_t j = 0; j < n; j++) {
                        ob_printf(b, "%s \"%.*s\" %+.3f", j ? "," : "", (int)c[j].ngram_len, c[j].ngram, c[j].weight);
                        if (c[j].block_weight != 0)
                            ob_printf(b, " (%.*s %+.3f)", block_len, block, c[j].block_weight);
                    }
                    ob_printf(b, "\n");
                }
            }
        }
        if (cli->all_scores) {
            ob_printf(b, "  all scores:");
            for (uint32_t l = 0; l < L; l++) ob_printf(b, " %s=%.4f", chude_model_label(m, l), all[l].score);
            ob_printf(b, "\n");
        }
        break;
    }
}

void format_error(obuf *b, const classify_cli *cli, const char *id_json, const char *name, const char *reason)
{
    switch (cli->format) {
    case FMT_JSON:
    case FMT_JSONL:
        ob_printf(b, "{\"id\":%s,\"error\":", id_json);
        ob_json_string(b, reason, strlen(reason));
        ob_printf(b, "}%s", cli->format == FMT_JSONL ? "\n" : "");
        break;
    case FMT_TSV:
        ob_tsv_field(b, name);
        ob_printf(b, "\tERROR: ");
        ob_tsv_field(b, reason);
        ob_printf(b, "\n");
        break;
    case FMT_TEXT:
        ob_printf(b, "%s\n  error: %s\n", name, reason);
        break;
    }
}

void format_manifest(obuf *b, const chude_model *m, const char *input, const char *id_json, size_t size,
                     const char *sha, const chude_label_score *pred, size_t npred, const char *error)
{
    ob_printf(b, "{\"input\":");
    ob_json_string(b, input, strlen(input));
    if (id_json) ob_printf(b, ",\"id\":%s", id_json);
    if (sha) ob_printf(b, ",\"size\":%zu,\"sha256\":\"%s\"", size, sha);
    if (error) {
        ob_printf(b, ",\"error\":");
        ob_json_string(b, error, strlen(error));
    } else {
        ob_printf(b, ",");
        json_labels(b, m, pred, npred);
    }
    ob_printf(b, ",\"model\":\"%s\",\"model_format\":%u}\n", chude_model_id(m), CHUDE_MODEL_FORMAT_VERSION);
}
