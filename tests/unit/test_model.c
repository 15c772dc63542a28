/* test_model.c — training a small model, saving, loading, and refusing damaged files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "chude/classify.h"
#include "chude/corpus.h"
#include "chude/model.h"
#include "chude/train.h"

static const char *SPORT[] = { "đội tuyển bóng đá thắng trận chung kết", "cầu thủ ghi bàn phút cuối trận đấu",
    "huấn luyện viên đội tuyển công bố danh sách cầu thủ", "trận đấu bóng đá tối qua hòa không bàn thắng",
    "vận động viên giành huy chương vàng tại giải đấu", "câu lạc bộ bóng đá ký hợp đồng với cầu thủ" };
static const char *ADMIN[] = { "cải cách thủ tục hành chính tại bộ phận một cửa", "người dân nộp hồ sơ tại trung tâm hành chính công",
    "đơn giản hóa thủ tục hành chính cho doanh nghiệp", "bộ phận tiếp nhận và trả kết quả giải quyết thủ tục",
    "cắt giảm thủ tục hành chính rút ngắn thời gian", "dịch vụ công trực tuyến giúp người dân làm thủ tục" };

/* A corpus of 24 documents: 12 sport, 12 administrative reform (two copies with new ids). */
static chude_corpus *tiny_corpus(int multilabel)
{
    chude_corpus *c = calloc(1, sizeof *c);
    assert_non_null(c);
    c->docs = calloc(24, sizeof *c->docs);
    chude_corpus_label_intern(c, "the-thao");
    chude_corpus_label_intern(c, "hanh-chinh");
    for (int i = 0; i < 24; i++) {
        chude_document *d = &c->docs[c->n_docs++];
        char id[16];
        snprintf(id, sizeof id, "doc-%02d", i);
        d->id = strdup(id);
        const char *t = (i % 2 ? ADMIN : SPORT)[(i / 2) % 6];
        d->text = strdup(t);
        d->text_len = strlen(t);
        d->labels = malloc(sizeof *d->labels);
        d->labels[0] = (uint32_t)(i % 2);
        d->n_labels = 1;
    }
    c->multilabel = multilabel;
    return c;
}

/* The defaults, with every n-gram kept (the corpus is tiny) and C 1. */
static chude_train_options tiny_options(void)
{
    chude_train_options o = chude_train_defaults();
    o.features.min_df = 1;
    o.C = 1;
    return o;
}

static chude_model *train_tiny_with(int multilabel, const chude_train_options *o)
{
    chude_corpus *c = tiny_corpus(multilabel);
    chude_model *m = NULL;
    assert_int_equal(chude_train(c, NULL, 0, o, NULL, NULL, &m, NULL), CHUDE_OK);
    chude_corpus_free(c);
    return m;
}

static chude_model *train_tiny_kernel(int multilabel, int engine, int kernel)
{
    chude_train_options o = tiny_options();
    o.engine = engine;
    o.kernel = kernel;
    return train_tiny_with(multilabel, &o);
}

static chude_model *train_tiny(int multilabel, int engine)
{
    return train_tiny_kernel(multilabel, engine, CHUDE_KERNEL_LINEAR);
}

static uint32_t best(const chude_model *m, const char *text)
{
    chude_classifier *cl;
    assert_int_equal(chude_classifier_new(m, &cl), CHUDE_OK);
    const chude_label_score *all, *pred;
    size_t n;
    assert_int_equal(chude_classify(cl, text, strlen(text), NULL, &all, &pred, &n), CHUDE_OK);
    assert_int_equal(n, 1);
    uint32_t l = pred[0].label;
    assert_true(pred[0].score >= 0 && pred[0].score <= 1);
    chude_classifier_free(cl);
    return l;
}

static void a_trained_model_tags_unseen_texts_by_their_subject(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_DCD);
    assert_string_equal(chude_model_label(m, best(m, "cầu thủ đội tuyển ghi bàn")), "the-thao");
    assert_string_equal(chude_model_label(m, best(m, "người dân làm thủ tục hành chính")), "hanh-chinh");
    chude_model_free(m);
}

static void the_libsvm_engine_gives_the_same_answers(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_LIBSVM);
    assert_string_equal(chude_model_label(m, best(m, "trận đấu bóng đá")), "the-thao");
    assert_string_equal(chude_model_label(m, best(m, "trung tâm hành chính công")), "hanh-chinh");
    chude_model_free(m);
}

/* A corpus where the administrative texts are rare: 12 sport, 3 admin (multi-label). */
static chude_corpus *unbalanced_corpus(void)
{
    chude_corpus *c = tiny_corpus(1);
    size_t keep = 0;
    for (size_t i = 0; i < c->n_docs; i++) {
        chude_document *d = &c->docs[i];
        if (d->labels[0] == 1 && i > 6) {   /* drop admin docs after the first three */
            free(d->id); free(d->text); free(d->labels);
            continue;
        }
        c->docs[keep++] = *d;
    }
    c->n_docs = keep;
    return c;
}

static void the_default_solver_keeps_the_bias_it_learned_as_libsvm_does(void **s)
{
    (void)s;
    double bias[2];
    int engines[2] = { CHUDE_ENGINE_DCD, CHUDE_ENGINE_LIBSVM };
    for (int e = 0; e < 2; e++) {
        chude_corpus *c = unbalanced_corpus();
        assert_int_equal(c->n_docs, 15);
        chude_train_options o = tiny_options();
        o.engine = engines[e];
        chude_model *m = NULL;
        assert_int_equal(chude_train(c, NULL, 0, &o, NULL, NULL, &m, NULL), CHUDE_OK);
        bias[e] = chude_model_bias(m, 1);   /* the rare label: a text with none of its words is not it */
        chude_model_free(m);
        chude_corpus_free(c);
    }
    assert_true(bias[0] < -0.05);
    assert_true(bias[1] < -0.05);
}

/* Ten documents and three calibration folds leave each fold model almost nothing to learn
 * from; whatever the folds, the final model must still tell its own training texts apart. */
static void a_tiny_corpus_is_never_learned_upside_down_whatever_the_folds(void **s)
{
    (void)s;
    int fell_back = 0;
    for (uint64_t seed = 1; seed <= 60; seed++) {
        chude_corpus *c = tiny_corpus(0);
        for (size_t i = 10; i < c->n_docs; i++) { free(c->docs[i].id); free(c->docs[i].text); free(c->docs[i].labels); }
        c->n_docs = 10;
        chude_train_options o = tiny_options();
        o.seed = seed;
        chude_model *m = NULL;
        assert_int_equal(chude_train(c, NULL, 0, &o, NULL, NULL, &m, NULL), CHUDE_OK);
        for (size_t i = 0; i < c->n_docs; i++) {
            uint32_t got = best(m, c->docs[i].text);
            if (got != c->docs[i].labels[0]) fail_msg("seed %llu: \"%s\" tagged %s", (unsigned long long)seed, c->docs[i].text, chude_model_label(m, got));
        }
        fell_back += strstr(chude_model_meta(m), "\"calibrated_on_training_data\":[") != NULL;
        chude_model_free(m);
        chude_corpus_free(c);
    }
    assert_true(fell_back > 0);   /* some seeds did need the training-data calibration */
}

/* The whole content of a file (malloc'ed) and its length. */
static char *read_whole(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(*len ? *len : 1);
    assert_int_equal(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

static void an_rbf_kernel_model_tags_by_subject_and_survives_saving(void **s)
{
    (void)s;
    chude_model *m = train_tiny_kernel(1, CHUDE_ENGINE_LIBSVM, CHUDE_KERNEL_RBF);
    assert_int_equal(chude_model_kernel(m)->kernel, CHUDE_KERNEL_RBF);
    assert_true(chude_model_kernel(m)->rows > 0);
    char path[] = "/tmp/chude-rbf-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    assert_int_equal(chude_model_save(m, path, NULL), CHUDE_OK);
    chude_model *b = NULL;
    assert_int_equal(chude_model_load(path, &b, NULL), CHUDE_OK);
    size_t len;
    char *buf = read_whole(path, &len);
    unlink(path);
    for (size_t k = 0; k < len; k += 7) {
        chude_model *x = NULL;
        assert_int_equal(chude_model_load_bytes(buf, k, &x, NULL), CHUDE_ERR_MODEL_FORMAT);
    }
    free(buf);
    chude_classifier *cl;
    assert_int_equal(chude_classifier_new(b, &cl), CHUDE_OK);
    const chude_label_score *all, *pred;
    size_t n;
    const char *t = "cầu thủ ghi bàn trận đấu bóng đá";
    assert_int_equal(chude_classify(cl, t, strlen(t), NULL, &all, &pred, &n), CHUDE_OK);
    assert_string_equal(chude_model_label(b, 0), "the-thao");
    assert_true(all[0].score > all[1].score);
    const chude_contribution *c;
    size_t k = 9;
    assert_int_equal(chude_classify_explain(cl, 0, 3, &c, &k), CHUDE_OK);
    assert_int_equal(k, 0);
    chude_classifier_free(cl);
    chude_model_free(b);
    chude_model_free(m);
}

static void label_weights_raise_that_labels_decision_values(void **s)
{
    (void)s;
    double dec[2];
    for (int k = 0; k < 2; k++) {
        chude_corpus *c = tiny_corpus(1);
        chude_train_options o = chude_train_defaults();
        o.features.min_df = 1;
        o.calibration_folds = 0;
        double w[2] = { 1.0, k ? 20.0 : 1.0 };
        o.label_weight = w;
        chude_model *m = NULL;
        assert_int_equal(chude_train(c, NULL, 0, &o, NULL, NULL, &m, NULL), CHUDE_OK);
        chude_classifier *cl;
        assert_int_equal(chude_classifier_new(m, &cl), CHUDE_OK);
        const chude_label_score *all, *pred;
        size_t n;
        const char *t = "người dân đến trụ sở xã";
        assert_int_equal(chude_classify(cl, t, strlen(t), NULL, &all, &pred, &n), CHUDE_OK);
        dec[k] = all[1].decision;
        chude_classifier_free(cl);
        chude_model_free(m);
        chude_corpus_free(c);
    }
    assert_true(dec[1] > dec[0]);
}

static void explanations_name_the_ngrams_behind_a_label(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_DCD);
    chude_classifier *cl;
    assert_int_equal(chude_classifier_new(m, &cl), CHUDE_OK);
    const chude_label_score *all, *pred;
    size_t n;
    const char *text = "thủ tục hành chính";
    assert_int_equal(chude_classify(cl, text, strlen(text), NULL, &all, &pred, &n), CHUDE_OK);
    const chude_contribution *c;
    size_t k;
    assert_int_equal(chude_classify_explain(cl, pred[0].label, 3, &c, &k), CHUDE_OK);
    assert_true(k >= 1 && k <= 3);
    size_t len;
    const char *g = chude_model_ngram(m, c[0].feature, &len);
    assert_true(len > 0 && len < 64);
    char gram[64];
    memcpy(gram, g, len);
    gram[len] = 0;
    assert_non_null(strstr(text, gram));
    assert_true(c[0].weight > 0);
    chude_classifier_free(cl);
    chude_model_free(m);
}

static char *save_to_temp(const chude_model *m, size_t *len)
{
    char path[] = "/tmp/chude-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(chude_model_save(m, path, NULL), CHUDE_OK);
    char *buf = read_whole(path, len);
    chude_model *back = NULL;
    assert_int_equal(chude_model_load(path, &back, NULL), CHUDE_OK);
    assert_string_equal(chude_model_id(back), chude_model_id(m));
    assert_int_equal(chude_model_label_count(back), 2);
    chude_model_free(back);
    unlink(path);
    return buf;
}

/* m saved to a file and loaded back from its bytes (save_to_temp also loads the file). */
static chude_model *saved_and_loaded(const chude_model *m)
{
    size_t len;
    char *buf = save_to_temp(m, &len);
    chude_model *b = NULL;
    assert_int_equal(chude_model_load_bytes(buf, len, &b, NULL), CHUDE_OK);
    free(buf);
    return b;
}

static void a_saved_model_loads_back_identical(void **s)
{
    (void)s;
    chude_model *m = train_tiny(1, CHUDE_ENGINE_DCD);
    chude_model *b = saved_and_loaded(m);
    assert_int_equal(chude_model_multilabel(b), 1);
    assert_int_equal(chude_model_vocab(b)->size, chude_model_vocab(m)->size);
    chude_model_free(b);
    chude_model_free(m);
}

/* How many of the model's n-grams start with prefix. */
static int ngrams_with_prefix(const chude_model *m, const char *prefix)
{
    int k = 0;
    for (uint32_t i = 0; i < chude_model_vocab(m)->size; i++)
        k += strncmp(chude_model_ngram(m, i, NULL), prefix, strlen(prefix)) == 0;
    return k;
}

/* Asserts that models a and b give text the same decisions, and b puts label first. */
static void assert_classify_alike(const chude_model *a, const chude_model *b, const char *text, const char *label)
{
    chude_classifier *ca, *cb;
    assert_int_equal(chude_classifier_new(a, &ca), CHUDE_OK);
    assert_int_equal(chude_classifier_new(b, &cb), CHUDE_OK);
    const chude_label_score *aa, *ap, *ba, *bp;
    size_t an, bn;
    assert_int_equal(chude_classify(ca, text, strlen(text), NULL, &aa, &ap, &an), CHUDE_OK);
    assert_int_equal(chude_classify(cb, text, strlen(text), NULL, &ba, &bp, &bn), CHUDE_OK);
    assert_int_equal(an, bn);
    assert_true(aa[0].decision == ba[0].decision && aa[1].decision == ba[1].decision);
    assert_string_equal(chude_model_label(b, bp[0].label), label);
    chude_classifier_free(ca);
    chude_classifier_free(cb);
}

static void a_model_with_a_title_block_classifies_the_same_after_loading(void **s)
{
    (void)s;
    chude_train_options o = tiny_options();
    o.features.title_weight = 0.5;
    chude_model *m = train_tiny_with(0, &o);
    assert_true(ngrams_with_prefix(m, "title:") > 0);
    chude_model *b = saved_and_loaded(m);
    assert_true(chude_model_feature_options(b)->title_weight == 0.5);
    assert_classify_alike(m, b, "Trận chung kết\ncầu thủ ghi bàn", "the-thao");
    chude_model_free(b);
    chude_model_free(m);
}

static void a_model_with_a_lead_block_keeps_its_length_after_loading(void **s)
{
    (void)s;
    chude_train_options o = tiny_options();
    o.features.title_weight = 1.0;
    o.features.lead_tokens = 3;
    chude_model *m = train_tiny_with(0, &o);
    assert_true(ngrams_with_prefix(m, "lead:") > 0);
    assert_int_equal(ngrams_with_prefix(m, "title:"), 0);
    chude_model *b = saved_and_loaded(m);
    assert_int_equal(chude_model_feature_options(b)->lead_tokens, 3);
    assert_true(chude_model_feature_options(b)->title_weight == 1.0);
    assert_classify_alike(m, b, "Trận chung kết cầu thủ ghi bàn", "the-thao");
    chude_model_free(b);
    chude_model_free(m);
}

static void every_truncation_of_a_model_is_refused(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_DCD);
    size_t len;
    char *buf = save_to_temp(m, &len);
    for (size_t k = 0; k < len; k++) {
        chude_model *b = NULL;
        chude_diag d;
        chude_diag_clear(&d);
        chude_status st = chude_model_load_bytes(buf, k, &b, &d);
        assert_int_equal(st, CHUDE_ERR_MODEL_FORMAT);
        assert_null(b);
        assert_true(strlen(d.message) > 0);
    }
    free(buf);
    chude_model_free(m);
}

static void every_flipped_byte_of_a_model_is_detected(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_DCD);
    size_t len;
    char *buf = save_to_temp(m, &len);
    for (size_t k = 0; k < len; k++) {
        if (k >= 28 && k < 64) continue;   /* reserved header bytes are not read */
        buf[k] = (char)(buf[k] ^ 0x10);
        chude_model *b = NULL;
        chude_status st = chude_model_load_bytes(buf, len, &b, NULL);
        assert_true(st == CHUDE_ERR_MODEL_FORMAT || st == CHUDE_ERR_MODEL_VERSION);
        assert_null(b);
        buf[k] = (char)(buf[k] ^ 0x10);
    }
    free(buf);
    chude_model_free(m);
}

static void a_future_format_version_is_named_as_such(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_DCD);
    size_t len;
    char *buf = save_to_temp(m, &len);
    buf[8] = 2;
    chude_model *b = NULL;
    chude_diag d;
    chude_diag_clear(&d);
    assert_int_equal(chude_model_load_bytes(buf, len, &b, &d), CHUDE_ERR_MODEL_VERSION);
    assert_non_null(strstr(d.message, "version 2"));
    free(buf);
    chude_model_free(m);
}

static void a_foreign_or_missing_file_is_an_error_not_a_crash(void **s)
{
    (void)s;
    chude_model *b = NULL;
    assert_int_equal(chude_model_load_bytes("svm_type c_svc\nkernel_type linear\n", 34, &b, NULL), CHUDE_ERR_MODEL_FORMAT);
    assert_int_equal(chude_model_load("/nonexistent/model.chude", &b, NULL), CHUDE_ERR_IO);
    assert_null(b);
    chude_model_free(NULL);
}

static void saving_over_an_unwritable_path_fails_cleanly(void **s)
{
    (void)s;
    chude_model *m = train_tiny(0, CHUDE_ENGINE_DCD);
    chude_diag d;
    chude_diag_clear(&d);
    assert_int_equal(chude_model_save(m, "/nonexistent-dir/x.chude", &d), CHUDE_ERR_IO);
    assert_non_null(strstr(d.message, "cannot create"));
    chude_model_free(m);
}

static void platt_scaling_is_monotone_and_separates_classes(void **s)
{
    (void)s;
    double f[8] = { -2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2 };
    unsigned char y[8] = { 0, 0, 0, 0, 1, 1, 1, 1 };
    double a, b;
    chude_platt_fit(f, y, 8, &a, &b);
    assert_true(a < 0);   /* score = 1/(1+exp(a f + b)) rises with f */
    double lo = 1 / (1 + exp(a * -2 + b)), hi = 1 / (1 + exp(a * 2 + b));
    assert_true(lo < 0.2 && hi > 0.8);
}

static void thresholds_split_scores_however_close_they_are(void **s)
{
    (void)s;
    /* three negatives a hair below 1, then a negative and a positive at 1: cutting just below 1
     * gives F1 2/3; a 32-bit fixed-point sort key could not tell the scores apart */
    double f[5] = { 0.99999999999, 0.99999999999, 1.0, 0.99999999999, 1.0 };
    unsigned char y[5] = { 0, 0, 0, 0, 1 };
    double t = chude_train_best_threshold(f, y, 5);
    assert_true(t > 0.99999999999 && t < 1.0);
    double g[4] = { 0.2, 0.9, 0.4, 0.8 };
    unsigned char z[4] = { 0, 1, 0, 1 };
    t = chude_train_best_threshold(g, z, 4);
    assert_true(t > 0.4 && t < 0.8);
    unsigned char none[4] = { 0, 0, 0, 0 };
    assert_true(chude_train_best_threshold(g, none, 4) == 1.0);
}

static void folds_depend_only_on_the_id_and_seed(void **s)
{
    (void)s;
    assert_int_equal(chude_fold_of("vntc/a", 1, 5), chude_fold_of("vntc/a", 1, 5));
    unsigned counts[5] = { 0 };
    char id[16];
    for (int i = 0; i < 1000; i++) { snprintf(id, sizeof id, "id%d", i); counts[chude_fold_of(id, 1, 5)]++; }
    for (int k = 0; k < 5; k++) assert_true(counts[k] > 150 && counts[k] < 250);
}

static int ngram_is(const chude_contribution *c, const char *s)
{
    return c->ngram_len == strlen(s) && memcmp(c->ngram, s, c->ngram_len) == 0;
}

static void explanations_count_an_ngram_once_across_the_text_and_its_lead(void **s)
{
    (void)s;
    chude_train_options o = tiny_options();
    o.features.title_weight = 1.0;
    o.features.lead_tokens = 4;   /* "cải cách thủ tục", "cắt giảm thủ tục": lead:thủ tục is known */
    chude_model *m = train_tiny_with(0, &o);
    chude_classifier *cl;
    assert_int_equal(chude_classifier_new(m, &cl), CHUDE_OK);
    const chude_label_score *all, *pred;
    size_t n;
    const char *text = "cải cách thủ tục";
    assert_int_equal(chude_classify(cl, text, strlen(text), NULL, &all, &pred, &n), CHUDE_OK);
    assert_string_equal(chude_model_label(m, pred[0].label), "hanh-chinh");
    const chude_contribution *c;
    size_t k;
    assert_int_equal(chude_classify_explain(cl, pred[0].label, 1000, &c, &k), CHUDE_OK);
    assert_true(k >= 3);
    const chude_contribution *tt = NULL;
    for (size_t i = 0; i < k; i++) {
        assert_true(c[i].weight > 0);
        if (i) assert_true(c[i].weight <= c[i - 1].weight);
        assert_false(c[i].ngram_len >= 5 && memcmp(c[i].ngram, "lead:", 5) == 0);
        for (size_t j = 0; j < i; j++)   /* each n-gram once */
            assert_false(c[j].ngram_len == c[i].ngram_len && memcmp(c[j].ngram, c[i].ngram, c[i].ngram_len) == 0);
        if (ngram_is(&c[i], "thủ tục")) tt = &c[i];
    }
    assert_non_null(tt);
    assert_true(tt->block_weight > 0);          /* the lead's part */
    assert_true(tt->weight > tt->block_weight);  /* and the text's part on top */
    size_t len;
    const char *g = chude_model_ngram(m, tt->feature, &len);   /* the text block's feature */
    assert_int_equal(len, strlen("thủ tục"));
    assert_memory_equal(g, "thủ tục", len);
    chude_classifier_free(cl);
    chude_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_trained_model_tags_unseen_texts_by_their_subject),
        cmocka_unit_test(the_libsvm_engine_gives_the_same_answers),
        cmocka_unit_test(the_default_solver_keeps_the_bias_it_learned_as_libsvm_does),
        cmocka_unit_test(a_tiny_corpus_is_never_learned_upside_down_whatever_the_folds),
        cmocka_unit_test(an_rbf_kernel_model_tags_by_subject_and_survives_saving),
        cmocka_unit_test(label_weights_raise_that_labels_decision_values),
        cmocka_unit_test(explanations_name_the_ngrams_behind_a_label),
        cmocka_unit_test(explanations_count_an_ngram_once_across_the_text_and_its_lead),
        cmocka_unit_test(a_saved_model_loads_back_identical),
        cmocka_unit_test(a_model_with_a_title_block_classifies_the_same_after_loading),
        cmocka_unit_test(a_model_with_a_lead_block_keeps_its_length_after_loading),
        cmocka_unit_test(every_truncation_of_a_model_is_refused),
        cmocka_unit_test(every_flipped_byte_of_a_model_is_detected),
        cmocka_unit_test(a_future_format_version_is_named_as_such),
        cmocka_unit_test(a_foreign_or_missing_file_is_an_error_not_a_crash),
        cmocka_unit_test(saving_over_an_unwritable_path_fails_cleanly),
        cmocka_unit_test(platt_scaling_is_monotone_and_separates_classes),
        cmocka_unit_test(thresholds_split_scores_however_close_they_are),
        cmocka_unit_test(folds_depend_only_on_the_id_and_seed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
