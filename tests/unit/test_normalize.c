/* test_normalize.c — one test per normalization rule, with before/after pairs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "chude/normalize.h"
#include "normalize_ref.h"
#include "fastpath_strings.h"

static void check_opts(chude_normalize_options o, const char *in, const char *want)
{
    chude_normalizer *n;
    assert_int_equal(chude_normalizer_new(&o, &n), CHUDE_OK);
    const char *out;
    size_t len;
    assert_int_equal(chude_normalize(n, in, strlen(in), &out, &len), CHUDE_OK);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    chude_normalizer_free(n);
}

/* The fast path must give byte for byte what the ICU steps give, in every option setting. */
static void the_fast_path_agrees_with_icu_on_random_tricky_texts(void **s)
{
    (void)s;
    for (int combo = 0; combo < 8; combo++) {
        chude_normalize_options o = chude_normalize_defaults();
        o.tone_style = combo & 1;
        o.case_fold = !(combo & 2);
        o.placeholders = !(combo & 4);
        chude_normalizer *fast, *ref;
        assert_int_equal(chude_normalizer_new(&o, &fast), CHUDE_OK);
        assert_int_equal(chude_normalizer_new(&o, &ref), CHUDE_OK);
        char buf[256];
        for (uint32_t k = 0; k < 60000; k++) {
            size_t n = fastpath_text(k, buf, sizeof buf);
            const char *a, *b;
            size_t al, bl;
            assert_int_equal(chude_normalize(fast, buf, n, &a, &al), CHUDE_OK);
            assert_int_equal(chude_normalize_reference(ref, buf, n, &b, &bl), CHUDE_OK);
            if (al != bl || memcmp(a, b, al) != 0)
                fail_msg("options %d, text %u \"%s\": fast \"%s\" but ICU \"%s\"", combo, k, buf, a, b);
        }
        chude_normalizer_free(fast);
        chude_normalizer_free(ref);
    }
}

static void check(const char *in, const char *want)
{
    chude_normalize_options o = chude_normalize_defaults();
    check_opts(o, in, want);
}

static void second_vowel_tone_marks_move_to_the_first_vowel(void **s)
{
    (void)s;
    check("hoà thuỷ khoẻ Thành uỷ", "hòa thủy khỏe thành ủy");
}

static void first_vowel_tone_marks_move_to_the_second_in_the_other_style(void **s)
{
    (void)s;
    chude_normalize_options o = chude_normalize_defaults();
    o.tone_style = CHUDE_TONE_SECOND;
    check_opts(o, "hòa thủy khỏe", "hoà thuỷ khoẻ");
}

static void both_spellings_become_the_same_text(void **s)
{
    (void)s;
    check("Thành uỷ", "thành ủy");
    check("Thành ủy", "thành ủy");
}

static void closed_syllables_and_qu_keep_their_tone_place(void **s)
{
    (void)s;
    check("hoàn thành quý khuỷu", "hoàn thành quý khuỷu");
}

static void decomposed_text_is_composed(void **s)
{
    (void)s;
    check("Vie\xCC\x82\xCC\xA3t", "việt");   /* e + circumflex + dot below */
}

static void zero_width_characters_and_soft_hyphens_are_removed(void **s)
{
    (void)s;
    check("cán\xE2\x80\x8B bộ\xC2\xAD\xEF\xBB\xBF đảng\xE2\x80\x8D viên", "cán bộ đảng viên");
}

static void no_break_and_wide_spaces_become_one_space(void **s)
{
    (void)s;
    check("một\xC2\xA0\xC2\xA0" "cửa\xE2\x80\x83liên\tthông", "một cửa liên thông");
}

static void eth_and_african_d_look_alikes_become_d_with_stroke(void **s)
{
    (void)s;
    check("\xC3\x90\xE1\xBA\xA3ng \xC6\x89oàn \xC3\xB0iện", "đảng đoàn điện");
}

static void case_is_folded(void **s)
{
    (void)s;
    check("ĐẢNG CỘNG SẢN Việt Nam", "đảng cộng sản việt nam");
}

static void numbers_dates_urls_and_emails_become_placeholders(void **s)
{
    (void)s;
    check("Ngày 18/02/2018 có 1.250 hồ sơ, xem https://dichvucong.gov.vn hoặc gửi hoidap@chinhphu.vn.",
          "ngày _date_ có _num_ hồ sơ, xem _url_ hoặc gửi _email_.");
}

static void placeholders_can_be_turned_off(void **s)
{
    (void)s;
    chude_normalize_options o = chude_normalize_defaults();
    o.placeholders = 0;
    check_opts(o, "năm 2017", "năm 2017");
}

static void web_boilerplate_lines_are_dropped(void **s)
{
    (void)s;
    check("Cập nhật lúc: 22:47, 18/02/2018 [GMT+7]\n.\nTiêu đề bài\nTIN LIÊN QUAN\nChia sẻ\nThứ Bảy, 15/07/2017, 06:02 [GMT+7]\nNội dung.",
          "tiêu đề bài\nnội dung.");
}

static void repeated_photo_captions_are_kept_once(void **s)
{
    (void)s;
    check("Cán bộ tiếp nhận hồ sơ.\nCán bộ tiếp nhận hồ sơ.\nẢnh: Vi Thu", "cán bộ tiếp nhận hồ sơ.");
}

static void boilerplate_stripping_can_be_turned_off(void **s)
{
    (void)s;
    chude_normalize_options o = chude_normalize_defaults();
    o.strip_boilerplate = 0;
    o.placeholders = 0;
    check_opts(o, "TIN LIÊN QUAN\nnội dung", "tin liên quan\nnội dung");
}

static void crlf_and_blank_lines_are_unified(void **s)
{
    (void)s;
    check("dòng một\r\n\r\n\r\ndòng  hai\rdòng ba", "dòng một\ndòng hai\ndòng ba");
}

static void invalid_utf8_does_not_stop_normalization(void **s)
{
    (void)s;
    check("a\xFF" "b", "a\xEF\xBF\xBD" "b");
}

/* Both paths, fast and ICU, give want. */
static void check_both_opts(chude_normalize_options o, const char *in, const char *want)
{
    chude_normalizer *n;
    assert_int_equal(chude_normalizer_new(&o, &n), CHUDE_OK);
    const char *out;
    size_t len;
    assert_int_equal(chude_normalize(n, in, strlen(in), &out, &len), CHUDE_OK);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    assert_int_equal(chude_normalize_reference(n, in, strlen(in), &out, &len), CHUDE_OK);
    assert_string_equal(out, want);
    assert_int_equal(len, strlen(want));
    chude_normalizer_free(n);
}

static void check_both(const char *in, const char *want)
{
    check_both_opts(chude_normalize_defaults(), in, want);
}

static void a_photo_credit_glued_to_a_paragraph_keeps_the_paragraph(void **s)
{
    (void)s;
    check_both("Khi CEO là thành viên quản trị nội bộ duy nhất\n"
               "Nguồn ảnh: 123RF Việc CEO là thành viên nội bộ duy nhất của hội đồng quản trị "
               "có thể khiến các thành viên độc lập khó giám sát.",
               "khi ceo là thành viên quản trị nội bộ duy nhất\n"
               "123rf việc ceo là thành viên nội bộ duy nhất của hội đồng quản trị "
               "có thể khiến các thành viên độc lập khó giám sát.");
    check_both("Ảnh: Vi Thu. Cán bộ tiếp nhận hồ sơ tại bộ phận một cửa của huyện đã giải quyết "
               "xong toàn bộ hồ sơ trong ngày.\nChia sẻ: Facebook",
               "cán bộ tiếp nhận hồ sơ tại bộ phận một cửa của huyện đã giải quyết xong toàn bộ "
               "hồ sơ trong ngày.");
    check_both("(Ảnh minh họa: Internet) Giá vàng trong nước sáng nay tăng mạnh theo giá thế giới, "
               "nhiều người dân đổ xô đi mua.",
               "giá vàng trong nước sáng nay tăng mạnh theo giá thế giới, nhiều người dân đổ xô đi mua.");
}

static void a_title_that_starts_with_thu_is_not_a_date_stamp(void **s)
{
    (void)s;
    check_both("Thứ hạng FIFA tháng 5/2018\nThứ Hai, 14/05/2018 10:20\nChủ nhật, 16/07/2017, 08:00\n"
               "Thứ 7, ngày 15 tháng 7 năm 2017 lúc 06:02\nNội dung.",
               "thứ hạng fifa tháng _date_\nnội dung.");
}

static void an_update_title_is_kept_and_an_update_timestamp_is_dropped(void **s)
{
    (void)s;
    check_both("Cập nhật: Tin bão số 13 và mưa lớn\nCập nhật: 22:47, 18/02/2018\nNội dung.",
               "cập nhật: tin bão số _num_ và mưa lớn\nnội dung.");
}

static void credit_and_keyword_lines_are_dropped_in_the_second_vowel_tone_style_too(void **s)
{
    (void)s;
    chude_normalize_options o = chude_normalize_defaults();
    o.tone_style = CHUDE_TONE_SECOND;
    check_both_opts(o, "Nội dung hòa bình.\nẢnh minh họa\n(Ảnh minh họa)\nTừ khóa: kinh tế",
                    "nội dung hoà bình.");
}

static void fullwidth_digits_are_numbers(void **s)
{
    (void)s;
    check_both("năm ２０１８", "năm _num_");
    chude_normalize_options o = chude_normalize_defaults();
    o.placeholders = 0;
    check_both_opts(o, "năm ２０１８", "năm 2018");
}

static void unknown_tone_style_is_an_argument_error(void **s)
{
    (void)s;
    chude_normalize_options o = chude_normalize_defaults();
    o.tone_style = 7;
    chude_normalizer *n = NULL;
    assert_int_equal(chude_normalizer_new(&o, &n), CHUDE_ERR_ARGUMENT);
    assert_null(n);
    chude_normalizer_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(second_vowel_tone_marks_move_to_the_first_vowel),
        cmocka_unit_test(first_vowel_tone_marks_move_to_the_second_in_the_other_style),
        cmocka_unit_test(both_spellings_become_the_same_text),
        cmocka_unit_test(closed_syllables_and_qu_keep_their_tone_place),
        cmocka_unit_test(decomposed_text_is_composed),
        cmocka_unit_test(zero_width_characters_and_soft_hyphens_are_removed),
        cmocka_unit_test(no_break_and_wide_spaces_become_one_space),
        cmocka_unit_test(eth_and_african_d_look_alikes_become_d_with_stroke),
        cmocka_unit_test(case_is_folded),
        cmocka_unit_test(numbers_dates_urls_and_emails_become_placeholders),
        cmocka_unit_test(placeholders_can_be_turned_off),
        cmocka_unit_test(web_boilerplate_lines_are_dropped),
        cmocka_unit_test(repeated_photo_captions_are_kept_once),
        cmocka_unit_test(boilerplate_stripping_can_be_turned_off),
        cmocka_unit_test(crlf_and_blank_lines_are_unified),
        cmocka_unit_test(invalid_utf8_does_not_stop_normalization),
        cmocka_unit_test(unknown_tone_style_is_an_argument_error),
        cmocka_unit_test(a_photo_credit_glued_to_a_paragraph_keeps_the_paragraph),
        cmocka_unit_test(a_title_that_starts_with_thu_is_not_a_date_stamp),
        cmocka_unit_test(an_update_title_is_kept_and_an_update_timestamp_is_dropped),
        cmocka_unit_test(credit_and_keyword_lines_are_dropped_in_the_second_vowel_tone_style_too),
        cmocka_unit_test(fullwidth_digits_are_numbers),
        cmocka_unit_test(the_fast_path_agrees_with_icu_on_random_tricky_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
