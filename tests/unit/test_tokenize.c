/* test_tokenize.c — syllables, and where n-grams may not join them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "chude/tokenize.h"

static const chude_token *run(chude_tokenizer **t, const char *text, size_t *n)
{
    const chude_token *tok;
    assert_int_equal(chude_tokenizer_new(t), CHUDE_OK);
    assert_int_equal(chude_tokenize(*t, text, strlen(text), &tok, n), CHUDE_OK);
    return tok;
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
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
