/* test_tokenize.c — syllables, and where n-grams may not join them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "chude/normalize.h"
#include "chude/tokenize.h"
#include "tokenize_ref.h"
#include "fastpath_strings.h"

static const chude_token *run(chude_tokenizer **t, const char *text, size_t *n)
{
    const chude_token *tok;
    assert_int_equal(chude_tokenizer_new(t), CHUDE_OK);
    assert_int_equal(chude_tokenize(*t, text, strlen(text), &tok, n), CHUDE_OK);
    return tok;
}

static void same_tokens(chude_tokenizer *fast, chude_tokenizer *ref, const char *text, size_t len)
{
    const chude_token *a, *b;
    size_t an, bn;
    assert_int_equal(chude_tokenize(fast, text, len, &a, &an), CHUDE_OK);
    assert_int_equal(chude_tokenize_reference(ref, text, len, &b, &bn), CHUDE_OK);
    if (an != bn) fail_msg("\"%s\": fast path %zu tokens, ICU %zu", text, an, bn);
    for (size_t i = 0; i < an; i++)
        if (a[i].offset != b[i].offset || a[i].length != b[i].length || a[i].joins_previous != b[i].joins_previous)
            fail_msg("\"%s\": token %zu differs (fast %zu+%zu/%d, ICU %zu+%zu/%d)", text, i, a[i].offset,
                     a[i].length, a[i].joins_previous, b[i].offset, b[i].length, b[i].joins_previous);
}

/* The fast path must find exactly ICU's tokens, on raw and on normalized text. */
static void the_fast_path_agrees_with_icu_on_random_tricky_texts(void **s)
{
    (void)s;
    chude_tokenizer *fast, *ref;
    chude_normalizer *norm;
    assert_int_equal(chude_tokenizer_new(&fast), CHUDE_OK);
    assert_int_equal(chude_tokenizer_new(&ref), CHUDE_OK);
    assert_int_equal(chude_normalizer_new(NULL, &norm), CHUDE_OK);
    static const char *const fixed[] = { "a.b a. .a 1.5 1,5 1.a a'b a’b a:b a·b _num_ __ a__ _ @x x@y.vn",
                                         "3,5 triệu; ông a.b.c’d", "hoà\nthuỷ", "a_1 1_a _a_ 1__2" };
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) same_tokens(fast, ref, fixed[i], strlen(fixed[i]));
    char buf[256];
    for (uint32_t k = 0; k < 60000; k++) {
        size_t n = fastpath_text(k, buf, sizeof buf);
        same_tokens(fast, ref, buf, n);
        const char *out;
        size_t olen;
        assert_int_equal(chude_normalize(norm, buf, n, &out, &olen), CHUDE_OK);
        same_tokens(fast, ref, out, olen);
    }
    chude_tokenizer_free(fast);
    chude_tokenizer_free(ref);
    chude_normalizer_free(norm);
}

static void syllables_are_split_at_spaces(void **s)
{
    (void)s;
    chude_tokenizer *t;
    size_t n;
    const char *text = "cải cách hành chính";
    const chude_token *tok = run(&t, text, &n);
    assert_int_equal(n, 4);
    assert_int_equal(tok[1].offset, strlen("cải "));
    assert_int_equal(tok[1].length, strlen("cách"));
    assert_false(tok[0].joins_previous);
    assert_true(tok[3].joins_previous);
    chude_tokenizer_free(t);
}

static void punctuation_ends_an_ngram_chain(void **s)
{
    (void)s;
    chude_tokenizer *t;
    size_t n;
    const chude_token *tok = run(&t, "kỷ luật, kỷ cương. hành chính", &n);
    assert_int_equal(n, 6);
    assert_true(tok[1].joins_previous);
    assert_false(tok[2].joins_previous);
    assert_false(tok[4].joins_previous);
    chude_tokenizer_free(t);
}

static void a_line_break_ends_an_ngram_chain(void **s)
{
    (void)s;
    chude_tokenizer *t;
    size_t n;
    const chude_token *tok = run(&t, "đảng viên\nnhân dân", &n);
    assert_int_equal(n, 4);
    assert_false(tok[2].joins_previous);
    chude_tokenizer_free(t);
}

static void symbols_are_not_tokens_but_numbers_and_placeholders_are(void **s)
{
    (void)s;
    chude_tokenizer *t;
    size_t n;
    const chude_token *tok = run(&t, "— 2017 _num_ ☺ ok", &n);
    assert_int_equal(n, 3);
    assert_int_equal(tok[1].length, 5);
    chude_tokenizer_free(t);
}

static void empty_text_has_no_tokens(void **s)
{
    (void)s;
    chude_tokenizer *t;
    size_t n = 9;
    run(&t, "", &n);
    assert_int_equal(n, 0);
    chude_tokenizer_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(syllables_are_split_at_spaces),
        cmocka_unit_test(punctuation_ends_an_ngram_chain),
        cmocka_unit_test(a_line_break_ends_an_ngram_chain),
        cmocka_unit_test(symbols_are_not_tokens_but_numbers_and_placeholders_are),
        cmocka_unit_test(empty_text_has_no_tokens),
        cmocka_unit_test(the_fast_path_agrees_with_icu_on_random_tricky_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
