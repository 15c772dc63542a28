/* test_jsonl_eval.c — bounded line reading, record parsing, and evaluation arithmetic. */
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
#include <zlib.h>
#include "chude/digest.h"
#include "chude/eval.h"
#include "chude/jsonl.h"

static void lines_come_back_without_their_line_ends(void **s)
{
    (void)s;
    char path[] = "/tmp/chude-jsonl-XXXXXX";
    int fd = mkstemp(path);
    assert_true(write(fd, "one\r\ntwo\n\nthree", 15) == 15);
    close(fd);
    chude_line_reader *r;
    assert_int_equal(chude_line_reader_open(path, 0, &r, NULL), CHUDE_OK);
    const char *want[] = { "one", "two", "", "three" };
    const char *line;
    size_t len, no;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(chude_line_reader_next(r, &line, &len, &no), CHUDE_OK);
        assert_non_null(line);
        assert_string_equal(line, want[i]);
        assert_int_equal(no, (size_t)i + 1);
    }
    assert_int_equal(chude_line_reader_next(r, &line, &len, &no), CHUDE_OK);
    assert_null(line);
    chude_line_reader_close(r);
    unlink(path);
}

static void a_line_over_the_limit_is_reported_and_skipped(void **s)
{
    (void)s;
    char path[] = "/tmp/chude-jsonl-XXXXXX";
    int fd = mkstemp(path);
    close(fd);
    gzFile g = gzopen(path, "wb");
    gzputs(g, "short\n");
    for (int i = 0; i < 100000; i++) gzputs(g, "x");
    gzputs(g, "\nafter\n");
    gzclose(g);
    chude_line_reader *r;
    assert_int_equal(chude_line_reader_open(path, 1000, &r, NULL), CHUDE_OK);
    const char *line;
    size_t len, no;
    assert_int_equal(chude_line_reader_next(r, &line, &len, &no), CHUDE_OK);
    assert_string_equal(line, "short");
    assert_int_equal(chude_line_reader_next(r, &line, &len, &no), CHUDE_ERR_LIMIT);
    assert_int_equal(no, 2);
    assert_int_equal(chude_line_reader_next(r, &line, &len, &no), CHUDE_OK);
    assert_string_equal(line, "after");
    chude_line_reader_close(r);
    unlink(path);
}

static void records_keep_their_id_as_given(void **s)
{
    (void)s;
    chude_record rec;
    const char *l = "{\"id\": 42, \"text\": \"xin chào\", \"labels\": [\"a\", \"b\"]}";
    assert_int_equal(chude_record_parse(l, strlen(l), 1, &rec, NULL), CHUDE_OK);
    assert_string_equal(rec.id_json, "42");
    assert_string_equal(rec.text, "xin chào");
    assert_int_equal(rec.n_labels, 2);
    assert_int_equal(rec.has_labels, 2);
    chude_record_clear(&rec);
}

static void malformed_records_say_what_is_wrong(void **s)
{
    (void)s;
    chude_record rec;
    chude_diag d;
    chude_diag_clear(&d);
    assert_int_equal(chude_record_parse("{\"id\": 1", 8, 1, &rec, &d), CHUDE_ERR_JSON);
    assert_non_null(strstr(d.message, "invalid JSON"));
    assert_int_equal(chude_record_parse("{\"id\": 1}", 9, 1, &rec, &d), CHUDE_ERR_JSON);
    assert_non_null(strstr(d.message, "text"));
    assert_int_equal(chude_record_parse("[1,2]", 5, 1, &rec, &d), CHUDE_ERR_JSON);
    assert_int_equal(chude_record_parse("{\"text\":\"\xff\"}", 11, 1, &rec, &d), CHUDE_ERR_JSON);
    assert_non_null(strstr(d.message, "UTF-8"));
}

static void deeply_nested_json_is_refused_not_a_crash(void **s)
{
    (void)s;
    size_t n = 100000;
    char *deep = malloc(n + 1);
    memset(deep, '[', n);
    deep[n] = 0;
    chude_record rec;
    assert_int_equal(chude_record_parse(deep, n, 1, &rec, NULL), CHUDE_ERR_JSON);
    free(deep);
}

static void precision_recall_and_f1_follow_their_definitions(void **s)
{
    (void)s;
    const char *names[] = { "a", "b" };
    chude_eval *e;
    assert_int_equal(chude_eval_new(2, names, 0, &e), CHUDE_OK);
    uint32_t a = 0, b = 1;
    chude_eval_add(e, &a, 1, &a, 1);   /* correct a */
    chude_eval_add(e, &a, 1, &b, 1);   /* a predicted b */
    chude_eval_add(e, &b, 1, &b, 1);   /* correct b */
    chude_eval_add(e, &b, 1, &b, 1);   /* correct b */
    chude_eval_summary sm;
    chude_eval_summarize(e, &sm);
    assert_true(fabs(sm.accuracy - 0.75) < 1e-9);
    /* a: P 1, R .5, F1 2/3 ; b: P 2/3, R 1, F1 .8 */
    assert_true(fabs(sm.macro_f1 - (2.0 / 3 + 0.8) / 2) < 1e-9);
    char *rep;
    assert_int_equal(chude_eval_format(e, 0, &rep), CHUDE_OK);
    assert_non_null(strstr(rep, "75.00%"));
    free(rep);
    assert_int_equal(chude_eval_format(e, 1, &rep), CHUDE_OK);
    assert_non_null(strstr(rep, "\"confusion\":[[1,1,0],[0,2,0]]"));
    free(rep);
    chude_eval_free(e);
}

static void sha256_matches_the_standard_test_vectors(void **s)
{
    (void)s;
    char hex[65];
    chude_sha256_of("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    chude_sha256_of("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    chude_sha256 st;
    chude_sha256_init(&st);
    for (size_t i = 0; i < strlen(m); i++) chude_sha256_update(&st, m + i, 1);   /* byte by byte */
    chude_sha256_hex(&st, hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lines_come_back_without_their_line_ends),
        cmocka_unit_test(a_line_over_the_limit_is_reported_and_skipped),
        cmocka_unit_test(records_keep_their_id_as_given),
        cmocka_unit_test(malformed_records_say_what_is_wrong),
        cmocka_unit_test(deeply_nested_json_is_refused_not_a_crash),
        cmocka_unit_test(precision_recall_and_f1_follow_their_definitions),
        cmocka_unit_test(sha256_matches_the_standard_test_vectors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
