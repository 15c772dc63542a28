/* main.c — chude-train: read a labeled corpus, train, evaluate, write the model.
 *
 * All the work is the library's; this file prints progress, warnings and reports, and turns
 * failures into exit codes (0 ok, 1 failed, 2 usage or unreadable input). */
#define _DEFAULT_SOURCE
#include "cli.h"
#include "chude/classify.h"
#include "chude/eval.h"
#include "chude/model.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    int quiet, tty;
    const char *stage;
    double t0, last;
} progress_state;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void progress(void *ctx, const char *stage, size_t done, size_t total)
{
    progress_state *p = ctx;
    if (p->quiet) return;
    double t = now();
    if (p->stage != stage) { p->stage = stage; p->t0 = t; p->last = 0; }
    int finished = done >= total;
    if (!finished && t - p->last < (p->tty ? 0.2 : 5.0)) return;
    p->last = t;
    if (p->tty)
        fprintf(stderr, "\r\033[Kchude-train: %s %zu/%zu (%.1fs)%s", stage, done, total, t - p->t0, finished ? "\n" : "");
    else if (finished)
        fprintf(stderr, "chude-train: %s: %zu done in %.1fs\n", stage, total, t - p->t0);
    else
        fprintf(stderr, "chude-train: %s %zu/%zu (%.0fs)\n", stage, done, total, t - p->t0);
}

static int warn_record(void *ctx, const chude_diag *d)
{
    size_t *count = ctx;
    if (++*count <= 20) {
        if (d->line) fprintf(stderr, "chude-train: %s:%zu: %s\n", d->file ? d->file : "-", d->line, d->message);
        else fprintf(stderr, "chude-train: %s: %s\n", d->file ? d->file : "-", d->message);
    } else if (*count == 21) {
        fprintf(stderr, "chude-train: more skipped records are not shown\n");
    }
    return 0;
}

/* Names the labels whose scores had to be calibrated on training data (the model records
 * them in its meta): their probabilities are overconfident, and more documents would help. */
static void warn_in_sample_calibration(const chude_model *m)
{
    cJSON *meta = cJSON_Parse(chude_model_meta(m));
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(meta, "calibrated_on_training_data");
    const cJSON *l;
    cJSON_ArrayForEach(l, list)
        if (cJSON_IsString(l))
            fprintf(stderr, "chude-train: warning: label %s: held-out scores did not rank its documents "
                            "first (too few documents?); its scores are calibrated on training data\n", l->valuestring);
    cJSON_Delete(meta);
}

static void report_error(const char *what, chude_status s, const chude_diag *d)
{
    if (d->file && d->line)
        fprintf(stderr, "chude-train: %s:%zu: %s%s%s\n", d->file, d->line, chude_strerror(s), *d->message ? ": " : "", d->message);
    else if (d->file)
        fprintf(stderr, "chude-train: %s: %s%s%s\n", d->file, chude_strerror(s), *d->message ? ": " : "", d->message);
    else
        fprintf(stderr, "chude-train: %s: %s%s%s\n", what, chude_strerror(s), *d->message ? ": " : "", d->message);
}

/* Classifies the documents idx[0..n) with m and adds them to ev. */
static chude_status evaluate(const chude_model *m, const chude_corpus *c, const size_t *idx, size_t n, chude_eval *ev)
{
    chude_classifier *cl;
    chude_status s = chude_classifier_new(m, &cl);
    if (s) return s;
    uint32_t *pl = malloc(chude_model_label_count(m) * sizeof *pl);
    if (!pl) { chude_classifier_free(cl); return CHUDE_ERR_NOMEM; }
    for (size_t i = 0; i < n && !s; i++) {
        const chude_document *d = &c->docs[idx[i]];
        const chude_label_score *all, *pred;
        size_t np;
        if ((s = chude_classify(cl, d->text, d->text_len, NULL, &all, &pred, &np))) break;
        for (size_t k = 0; k < np; k++) pl[k] = pred[k].label;   /* model labels = corpus labels */
        s = chude_eval_add(ev, d->labels, d->n_labels, pl, np);
    }
    free(pl);
    chude_classifier_free(cl);
    return s;
}

/* Writes len bytes to fd; 0 with errno set on failure. */
static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t r = write(fd, p, len);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) { if (r == 0) errno = EIO; return 0; }
        p += r;
        len -= (size_t)r;
    }
    return 1;
}

/* Writes text to path as the model is written: a temporary file beside it, fsynced and renamed
 * over it, so a full disk leaves the previous file (or none), never a truncated one. A
 * symbolic link is kept and its target replaced; a path that exists but is not a regular file
 * (/dev/stdout, a FIFO) is written to directly. 0 on success, else an errno value. */
static int write_report(const char *path, const char *text)
{
    struct stat st, lst;
    int exists = stat(path, &st) == 0;
    if ((exists && !S_ISREG(st.st_mode)) || (!exists && lstat(path, &lst) == 0)) {
        /* not a file to replace, or a dangling link: write through it */
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (fd < 0) return errno;
        int ok = write_all(fd, text, strlen(text));
        int err = ok ? 0 : errno;
        if (close(fd) != 0 && ok) err = errno;
        return err;
    }
    char *target = exists ? realpath(path, NULL) : strdup(path);
    if (!target) return errno;
    size_t n = strlen(target) + 32;
    char *tmp = malloc(n);
    if (!tmp) { free(target); return ENOMEM; }
    snprintf(tmp, n, "%s.tmp.%ld", target, (long)getpid());
    int err = 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) err = errno;
    else {
        if (!write_all(fd, text, strlen(text)) || fsync(fd) != 0) err = errno;
        if (close(fd) != 0 && !err) err = errno;
        if (!err && rename(tmp, target) != 0) err = errno;
        if (err) unlink(tmp);
    }
    free(tmp);
    free(target);
    return err;
}

static char *build_meta(const train_cli *cli)
{
    cJSON *o = cli->meta ? cJSON_Parse(cli->meta) : cJSON_CreateObject();
    if (!o || !cJSON_IsObject(o)) { cJSON_Delete(o); return NULL; }
    if (!cJSON_GetObjectItem(o, "created")) {
        time_t t = time(NULL);
        const char *sde = getenv("SOURCE_DATE_EPOCH");
        if (sde && *sde) t = (time_t)strtoll(sde, NULL, 10);
        char buf[32];
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
        cJSON_AddStringToObject(o, "created", buf);
    }
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

static int run(int argc, char **argv)
{   /* over a file-size limit, write() fails with EFBIG: report it */
    train_cli cli;
    int r = train_cli_parse(argc, argv, &cli);
    if (r == CLI_EXIT_OK) return 0;
    if (r) return 2;
    char *meta = build_meta(&cli);
    if (!meta) { fprintf(stderr, "chude-train: --meta: not a JSON object\n"); return 2; }
    cli.train.meta_json = meta;
    chude_diag diag;
    chude_diag_clear(&diag);
    chude_status s = chude_train_options_check(&cli.train, &diag);
    if (s) { report_error("options", s, &diag); free(meta); return 2; }
    progress_state ps = { cli.quiet, isatty(2), NULL, now(), 0 };
    size_t skipped = 0;
    chude_corpus *corpus = NULL;
    double t0 = now();
    s = chude_corpus_read(cli.input, cli.format, cli.max_doc_bytes, warn_record, &skipped, &corpus, &diag);
    if (s) { report_error("input", s, &diag); free(meta); return 2; }
    if (!cli.quiet)
        fprintf(stderr, "chude-train: %s: %zu documents, %u labels (%s), %zu skipped, read in %.1fs\n", cli.input,
                corpus->n_docs, corpus->n_label_names, corpus->multilabel ? "multi-label" : "single-label",
                corpus->skipped, now() - t0);
    int rc = 0;
    chude_model *model = NULL;
    double *lw = NULL;
    size_t *train_idx = NULL, *test_idx = NULL;
    chude_eval *ev = NULL;
    if (cli.n_weights) {
        lw = malloc(corpus->n_label_names * sizeof *lw);
        if (!lw) { s = CHUDE_ERR_NOMEM; goto fail; }
        for (uint32_t l = 0; l < corpus->n_label_names; l++) lw[l] = 1.0;
        for (int k = 0; k < cli.n_weights; k++) {
            const char *eq = strrchr(cli.weights[k], '=');
            size_t n = (size_t)(eq - cli.weights[k]);
            int found = 0;
            for (uint32_t l = 0; l < corpus->n_label_names; l++)
                if (strlen(corpus->label_names[l]) == n && !strncmp(corpus->label_names[l], cli.weights[k], n)) {
                    lw[l] = strtod(eq + 1, NULL);
                    found = 1;
                }
            if (!found) {
                fprintf(stderr, "chude-train: --weight: no label '%.*s' in %s\n", (int)n, cli.weights[k], cli.input);
                free(lw); chude_corpus_free(corpus); free(meta);
                return 2;
            }
        }
        cli.train.label_weight = lw;
    }
    train_idx = malloc(corpus->n_docs * sizeof *train_idx);
    test_idx = malloc(corpus->n_docs * sizeof *test_idx);
    if (!train_idx || !test_idx) { s = CHUDE_ERR_NOMEM; goto fail; }
    if (cli.dev_split > 0 || cli.cv) {
        if ((s = chude_eval_new(corpus->n_label_names, (const char *const *)corpus->label_names, corpus->multilabel, &ev))) goto fail;
    }
    double train_seconds = 0;
    if (cli.dev_split > 0) {
        size_t ntr = 0, nte = 0;
        unsigned cut = (unsigned)(cli.dev_split * 10000 + 0.5);
        for (size_t i = 0; i < corpus->n_docs; i++) {
            if (chude_fold_of(corpus->docs[i].id, cli.train.seed + 0x5eed, 10000) < cut) test_idx[nte++] = i;
            else train_idx[ntr++] = i;
        }
        if (!nte || !ntr) {   /* an empty side gives a report of nothing, or no model */
            if (!nte)
                fprintf(stderr, "chude-train: --dev-split %g holds out none of the %zu documents, so there is "
                                "nothing to evaluate on; use a larger fraction\n", cli.dev_split, corpus->n_docs);
            else
                fprintf(stderr, "chude-train: --dev-split %g holds out all %zu documents, so there is "
                                "nothing to train on; use a smaller fraction\n", cli.dev_split, corpus->n_docs);
            rc = 2;
            goto done;
        }
        if (!cli.quiet) fprintf(stderr, "chude-train: dev split: %zu training, %zu held out\n", ntr, nte);
        double t = now();
        if ((s = chude_train(corpus, train_idx, ntr, &cli.train, progress, &ps, &model, &diag))) goto fail;
        train_seconds = now() - t;
        if ((s = evaluate(model, corpus, test_idx, nte, ev))) goto fail;
    } else if (cli.cv) {
        for (int k = 0; k < cli.cv; k++) {
            size_t ntr = 0, nte = 0;
            for (size_t i = 0; i < corpus->n_docs; i++) {
                if ((int)chude_fold_of(corpus->docs[i].id, cli.train.seed + 0xcf, (unsigned)cli.cv) == k) test_idx[nte++] = i;
                else train_idx[ntr++] = i;
            }
            if (!cli.quiet) fprintf(stderr, "chude-train: fold %d/%d: %zu training, %zu held out\n", k + 1, cli.cv, ntr, nte);
            chude_model *fm = NULL;
            double t = now();
            if ((s = chude_train(corpus, train_idx, ntr, &cli.train, progress, &ps, &fm, &diag))) goto fail;
            train_seconds += now() - t;
            s = evaluate(fm, corpus, test_idx, nte, ev);
            chude_model_free(fm);
            if (s) goto fail;
        }
    }
    if (ev) {
        char *text = NULL, *json = NULL;
        if ((s = chude_eval_format(ev, 0, &text)) || (s = chude_eval_format(ev, 1, &json))) { free(text); goto fail; }
        printf("%s%s\n%s", cli.dev_split > 0 ? "held-out evaluation" : "cross-validation", cli.dev_split > 0 ? "" : " (pooled over folds)", text);
        printf("training time  %.1fs%s\n", train_seconds, cli.cv ? " (all folds)" : "");
        free(text);
        if (cli.report) {
            fflush(stdout);   /* the text report first, should FILE be /dev/stdout */
            int err = write_report(cli.report, json);
            if (err) {
                fprintf(stderr, "chude-train: %s: cannot write report: %s\n", cli.report, strerror(err));
                rc = 1;
            }
        }
        free(json);
    }
    if (cli.output) {
        if (!model) {
            double t = now();
            if ((s = chude_train(corpus, NULL, 0, &cli.train, progress, &ps, &model, &diag))) goto fail;
            if (!cli.quiet) fprintf(stderr, "chude-train: trained on all %zu documents in %.1fs\n", corpus->n_docs, now() - t);
        }
        warn_in_sample_calibration(model);
        chude_diag_clear(&diag);
        if ((s = chude_model_save(model, cli.output, &diag))) { report_error("output", s, &diag); rc = 1; goto done; }
        if (!cli.quiet)
            fprintf(stderr, "chude-train: wrote %s (%zu bytes, %u features, model id %s)\n", cli.output,
                    chude_model_file_size(model), chude_model_vocab(model)->size, chude_model_id(model));
    }
    goto done;
fail:
    report_error("training", s, &diag);
    rc = 1;
done:
    free(train_idx);
    free(test_idx);
    chude_eval_free(ev);
    chude_model_free(model);
    chude_corpus_free(corpus);
    free(meta);
    free(lw);
    return rc;
}

int main(int argc, char **argv)
{
    signal(SIGXFSZ, SIG_IGN);   /* over a file-size limit, write() fails with EFBIG: report it */
    int rc = run(argc, argv);
    /* The report (or --help) on stdout is the point of the run: a failed write is a failure. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "chude-train: cannot write standard output: %s\n", strerror(errno ? errno : EIO));
        if (rc == 0) rc = 1;
    }
    return rc;
}
