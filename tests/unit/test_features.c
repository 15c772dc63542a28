/* test_features.c — n-grams, counts, TF-IDF weighting and vocabulary lookup. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "chude/features.h"

static int has_hash(const uint64_t *h, size_t n, const char *s)
{
    uint64_t x = chude_ngram_hash(s, strlen(s));
    for (size_t i = 0; i < n; i++) if (h[i] == x) return 1;
    return 0;
}

/* A new extractor (o NULL: the defaults) that has just extracted the n-grams of text into
 * *h, *c, *n. The caller frees it. */
static chude_extractor *extracted(const chude_feature_options *o, int keep_strings, const char *text,
                                  const uint64_t **h, const uint32_t **c, size_t *n)
{
    chude_extractor *ex;
    assert_int_equal(chude_extractor_new(NULL, o, keep_strings, &ex), CHUDE_OK);
    assert_int_equal(chude_extract_ngrams(ex, text, strlen(text), h, c, n), CHUDE_OK);
    return ex;
}

/* Asserts that the extractor remembers the string of the n-gram s. */
static void assert_remembers(const chude_extractor *ex, const char *s)
{
    const char *str = chude_extractor_string(ex, chude_ngram_hash(s, strlen(s)), NULL);
    assert_non_null(str);
    assert_string_equal(str, s);
}

static void unigrams_and_bigrams_are_extracted_with_counts(void **s)
{
    (void)s;
    const uint64_t *h;
    const uint32_t *c;
    size_t n;
    const char *text = "Cán bộ, cán bộ trẻ";
    chude_extractor *ex = extracted(NULL, 1, text, &h, &c, &n);
    /* cán, bộ, trẻ, "cán bộ", "bộ trẻ" — and no "bộ cán" across the comma */
    assert_int_equal(n, 5);
    assert_true(has_hash(h, n, "cán bộ"));
    assert_true(has_hash(h, n, "bộ trẻ"));
    assert_false(has_hash(h, n, "bộ cán"));
    uint64_t cb = chude_ngram_hash("cán bộ", strlen("cán bộ"));
    for (size_t i = 0; i < n; i++) if (h[i] == cb) assert_int_equal(c[i], 2);
    size_t len;
    const char *str = chude_extractor_string(ex, cb, &len);
    assert_non_null(str);
    assert_string_equal(str, "cán bộ");
    chude_extractor_free(ex);
}

static void both_tone_spellings_give_the_same_ngram(void **s)
{
    (void)s;
    const uint64_t *h;
    const uint32_t *c;
    size_t n;
    chude_extractor *ex = extracted(NULL, 0, "Thành uỷ", &h, &c, &n);
    assert_true(has_hash(h, n, "thành ủy"));
    chude_extractor_free(ex);
}

static void vectors_are_l2_normalised_tfidf_over_known_ngrams_only(void **s)
{
    (void)s;
    const char *grams[] = { "cán", "bộ", "cán bộ" };
    uint64_t hash[3];
    float idf[3] = { 1.0f, 2.0f, 3.0f };
    for (uint32_t i = 0; i < 3; i++) hash[i] = chude_ngram_hash(grams[i], strlen(grams[i]));
    uint32_t *table;
    uint64_t mask;
    assert_int_equal(chude_vocab_index(hash, 3, &table, &mask), CHUDE_OK);
    chude_vocab_view v = { 3, hash, idf, table, mask };
    assert_int_equal(chude_vocab_find(&v, hash[2]), 2);
    assert_int_equal(chude_vocab_find(&v, 12345), -1);
    chude_extractor *ex;
    assert_int_equal(chude_extractor_new(NULL, NULL, 0, &ex), CHUDE_OK);
    chude_sparse x;
    const char *text = "cán bộ cán bộ xã";
    assert_int_equal(chude_extract_vector(ex, &v, text, strlen(text), &x), CHUDE_OK);
    assert_int_equal(x.n, 3);
    double norm = 0;
    for (size_t i = 0; i < x.n; i++) {
        norm += (double)x.value[i] * x.value[i];
        if (i) assert_true(x.index[i] > x.index[i - 1]);
    }
    assert_true(fabs(norm - 1.0) < 1e-5);
    /* equal tf for all three: values proportional to idf 1:2:3 */
    assert_true(fabs(x.value[2] / x.value[0] - 3.0) < 1e-4);
    chude_extractor_free(ex);
    free(table);
}

/* Found by fuzz_features (tests/fuzz/corpus/features/regression-touching-tokens): ideographs
 * and Hangul syllables next to each other are tokens with no gap between them, and the n-gram string memory was sized from the span
 * of the tokens, not from the joined string; as the memory filled up, it overflowed. Many
 * distinct ideograph n-grams fill it many times (ASan, in CI, reports the overflow). */
static void ngrams_of_tokens_that_touch_are_remembered_safely(void **s)
{
    (void)s;
    chude_feature_options f = chude_feature_defaults();
    f.ngram_max = 4;
    chude_extractor *ex;
    assert_int_equal(chude_extractor_new(NULL, &f, 1, &ex), CHUDE_OK);
    char text[64];
    for (unsigned i = 0; i < 40000; i++) {
        size_t w = 0;
        for (unsigned j = 0; j < 8; j++) {   /* Hangul and Han alternate: every boundary touches */
            unsigned cp = j % 2 ? 0x4E00 + (i * 7 + j * 131) % 20000 : 0xAC00 + (i * 13 + j * 17) % 11000;
            text[w++] = (char)(0xE0 | (cp >> 12));
            text[w++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            text[w++] = (char)(0x80 | (cp & 0x3F));
        }
        const uint64_t *h;
        const uint32_t *c;
        size_t n;
        assert_int_equal(chude_extract_ngrams(ex, text, w, &h, &c, &n), CHUDE_OK);
        for (size_t k = 0; k < n; k++) {
            size_t len = 0;
            const char *str = chude_extractor_string(ex, h[k], &len);
            assert_non_null(str);
            assert_int_equal(chude_ngram_hash(str, len), h[k]);
        }
    }
    chude_extractor_free(ex);
}

static void the_title_line_forms_a_second_block_with_its_own_weight(void **s)
{
    (void)s;
    chude_feature_options o = chude_feature_defaults();
    o.title_weight = 0.5;
    const uint64_t *h;
    const uint32_t *c;
    size_t n;
    const char *text = "Cán bộ trẻ\nCán bộ xã";
    chude_extractor *ex = extracted(&o, 1, text, &h, &c, &n);
    /* text: cán, bộ, trẻ, xã, cán bộ, bộ trẻ, bộ xã; title: the first line's 5 again, prefixed */
    assert_int_equal(n, 12);
    assert_true(has_hash(h, n, "title:cán bộ"));
    assert_true(has_hash(h, n, "title:trẻ"));
    assert_false(has_hash(h, n, "title:xã"));
    assert_remembers(ex, "title:bộ trẻ");
    /* vector: each block L2-normalised, the title's scaled by 0.5, the whole normalised */
    const char *grams[] = { "cán", "xã", "title:cán", "title:trẻ" };
    uint64_t hash[4];
    float idf[4] = { 1.0f, 1.0f, 1.0f, 1.0f };
    for (int i = 0; i < 4; i++) hash[i] = chude_ngram_hash(grams[i], strlen(grams[i]));
    uint32_t *table;
    uint64_t mask;
    assert_int_equal(chude_vocab_index(hash, 4, &table, &mask), CHUDE_OK);
    chude_vocab_view v = { 4, hash, idf, table, mask };
    chude_sparse x;
    assert_int_equal(chude_extract_vector(ex, &v, text, strlen(text), &x), CHUDE_OK);
    assert_int_equal(x.n, 4);
    double body = 0, title = 0;
    for (size_t i = 0; i < x.n; i++) {
        double q = (double)x.value[i] * x.value[i];
        if (x.index[i] >= 2) title += q; else body += q;
    }
    assert_true(fabs(body + title - 1.0) < 1e-5);
    assert_true(fabs(title / body - 0.25) < 1e-4);
    free(table);
    chude_extractor_free(ex);
    /* weight 0: no title n-grams at all */
    ex = extracted(NULL, 0, text, &h, &c, &n);
    assert_int_equal(n, 7);
    chude_extractor_free(ex);
}

static void the_lead_block_holds_the_first_n_tokens_whatever_the_lines(void **s)
{
    (void)s;
    chude_feature_options o = chude_feature_defaults();
    o.title_weight = 1.0;
    o.lead_tokens = 4;
    const uint64_t *h;
    const uint32_t *c;
    size_t n;
    const char *text = "Cán bộ trẻ\nCán bộ xã";
    chude_extractor *ex = extracted(&o, 1, text, &h, &c, &n);
    /* text: cán, bộ, trẻ, xã, cán bộ, bộ trẻ, bộ xã; lead (cán bộ trẻ | cán): cán, bộ, trẻ,
     * cán bộ, bộ trẻ, prefixed; no bigram across the line break */
    assert_int_equal(n, 12);
    assert_true(has_hash(h, n, "lead:cán"));
    assert_true(has_hash(h, n, "lead:bộ trẻ"));
    assert_false(has_hash(h, n, "lead:xã"));
    assert_false(has_hash(h, n, "lead:trẻ cán"));
    assert_false(has_hash(h, n, "title:cán"));
    for (size_t i = 0; i < n; i++)
        if (h[i] == chude_ngram_hash("lead:cán", strlen("lead:cán"))) assert_int_equal(c[i], 2);
    assert_remembers(ex, "lead:cán bộ");
    chude_extractor_free(ex);
    /* a lead longer than the text covers all of it */
    o.lead_tokens = 1000;
    ex = extracted(&o, 0, text, &h, &c, &n);
    assert_int_equal(n, 14);
    assert_true(has_hash(h, n, "lead:bộ xã"));
    chude_extractor_free(ex);
}

static void out_of_range_feature_options_are_rejected(void **s)
{
    (void)s;
    chude_feature_options o = chude_feature_defaults();
    o.ngram_max = 9;
    chude_diag d;
    chude_diag_clear(&d);
    assert_int_equal(chude_feature_options_check(&o, &d), CHUDE_ERR_ARGUMENT);
    assert_non_null(strstr(d.message, "1..4"));
    o = chude_feature_defaults();
    o.title_weight = -1;
    assert_int_equal(chude_feature_options_check(&o, &d), CHUDE_ERR_ARGUMENT);
    o.title_weight = NAN;
    assert_int_equal(chude_feature_options_check(&o, &d), CHUDE_ERR_ARGUMENT);
    o = chude_feature_defaults();
    o.lead_tokens = 100001;
    assert_int_equal(chude_feature_options_check(&o, &d), CHUDE_ERR_ARGUMENT);
    assert_non_null(strstr(d.message, "lead"));
    /* a lead is a form of the second block: without a title weight it would be ignored */
    o = chude_feature_defaults();
    o.title_weight = 0;
    o.lead_tokens = 300;
    assert_int_equal(chude_feature_options_check(&o, &d), CHUDE_ERR_ARGUMENT);
    assert_non_null(strstr(d.message, "title weight"));
    o.title_weight = 1.5;
    assert_int_equal(chude_feature_options_check(&o, &d), CHUDE_OK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(unigrams_and_bigrams_are_extracted_with_counts),
        cmocka_unit_test(both_tone_spellings_give_the_same_ngram),
        cmocka_unit_test(vectors_are_l2_normalised_tfidf_over_known_ngrams_only),
        cmocka_unit_test(ngrams_of_tokens_that_touch_are_remembered_safely),
        cmocka_unit_test(the_title_line_forms_a_second_block_with_its_own_weight),
        cmocka_unit_test(the_lead_block_holds_the_first_n_tokens_whatever_the_lines),
        cmocka_unit_test(out_of_range_feature_options_are_rejected),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
