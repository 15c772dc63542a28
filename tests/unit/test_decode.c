/* test_decode.c — bytes in every supported encoding come out as the same UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "chude/decode.h"

static void expect_decoded(const char *in, size_t len, const char *want, chude_encoding enc)
{
    char *out = NULL;
    size_t n = 0;
    chude_decode_info info;
    assert_int_equal(chude_decode(in, len, &out, &n, &info, NULL), CHUDE_OK);
    assert_int_equal(info.encoding, enc);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(out, want, n);
    free(out);
}

static void utf8_passes_through_unchanged(void **s)
{
    (void)s;
    expect_decoded("Hòa bình", strlen("Hòa bình"), "Hòa bình", CHUDE_ENC_UTF8);
}

static void utf8_bom_is_dropped(void **s)
{
    (void)s;
    expect_decoded("\xEF\xBB\xBFxin", 6, "xin", CHUDE_ENC_UTF8_BOM);
}

static void utf16le_with_bom_is_decoded(void **s)
{
    (void)s;
    /* "Đà" = U+0110 U+00E0 */
    expect_decoded("\xFF\xFE\x10\x01\xE0\x00", 6, "Đà", CHUDE_ENC_UTF16LE);
}

static void utf16be_with_bom_is_decoded(void **s)
{
    (void)s;
    expect_decoded("\xFE\xFF\x01\x10\x00\xE0", 6, "Đà", CHUDE_ENC_UTF16BE);
}

static void utf16le_without_bom_is_recognised_by_its_zero_bytes(void **s)
{
    (void)s;
    expect_decoded("h\0o\0a\0 \0b\0i\0n\0h\0", 16, "hoa binh", CHUDE_ENC_UTF16LE);
}

static void utf16_surrogate_pairs_become_one_code_point(void **s)
{
    (void)s;
    /* U+1F600 = D83D DE00 */
    expect_decoded("\xFF\xFE\x3D\xD8\x00\xDE", 6, "\xF0\x9F\x98\x80", CHUDE_ENC_UTF16LE);
}

static void invalid_utf8_is_replaced_and_reported_with_its_offset(void **s)
{
    (void)s;
    char *out;
    size_t n;
    chude_decode_info info;
    assert_int_equal(chude_decode("ab\xC3(cd", 6, &out, &n, &info, NULL), CHUDE_OK);
    assert_int_equal(info.invalid_count, 1);
    assert_int_equal(info.first_invalid_offset, 2);
    assert_string_equal(out, "ab\xEF\xBF\xBD(cd");
    free(out);
}

static void overlong_and_surrogate_utf8_are_invalid(void **s)
{
    (void)s;
    assert_false(chude_utf8_valid("\xC0\xAF", 2));
    assert_false(chude_utf8_valid("\xED\xA0\x80", 3));
    assert_true(chude_utf8_valid("\xE1\xBB\x87", 3));
}

static void binary_data_is_refused_with_the_offset_of_its_first_nul(void **s)
{
    (void)s;
    char *out = NULL;
    size_t n;
    chude_diag d;
    chude_diag_clear(&d);
    const char bin[] = { 'P', 'K', 3, 4, 0, 0, 0x14, 0, 'a', 'b', 'c', 0, 0, 0, 0x7f, 0x45, 'L' };
    assert_int_equal(chude_decode(bin, sizeof bin, &out, &n, NULL, &d), CHUDE_ERR_ENCODING);
    assert_null(out);
    assert_int_equal(d.offset, 4);
}

static void legacy_windows_1258_text_is_converted(void **s)
{
    (void)s;
    /* "Vi\xEA\xD2t Nam" : e-circumflex (0xEA) + combining dot below (0xF2)... use a simple
     * run of 8-bit letters that are invalid UTF-8: 0xD0 is Đ in Windows-1258 */
    const char in[] = "\xD0\xE0 N\xE3ng \xD0\xE0 N\xE3ng \xD0\xE0 N\xE3ng \xD0\xE0 N\xE3ng \xD0\xE0";
    char *out;
    size_t n;
    chude_decode_info info;
    assert_int_equal(chude_decode(in, strlen(in), &out, &n, &info, NULL), CHUDE_OK);
    assert_int_equal(info.encoding, CHUDE_ENC_CP1258);
    assert_memory_equal(out, "Đà N", strlen("Đà N"));
    free(out);
}

static void a_short_windows_1258_text_with_no_valid_utf8_is_converted(void **s)
{
    (void)s;
    /* e-circumflex (0xEA) then the combining dot below (0xF2): two bytes, neither UTF-8 */
    expect_decoded("Vi\xEA\xF2t Nam", 9, "Vi\xC3\xAA\xCC\xA3t Nam", CHUDE_ENC_CP1258);
}

static void utf8_with_a_few_stray_windows_quotes_keeps_its_vietnamese_letters(void **s)
{
    (void)s;
    /* eight cp1252 quotes that are not UTF-8, six valid letters (15 bytes) that are */
    const char in[] = "He said \x93" "a\x94, \x93" "b\x94, \x93" "c\x94 and \x93" "d\x94 in "
                      "Vi\xE1\xBB\x87t Nam, H\xC3\xA0 N\xE1\xBB\x99i, \xC4\x90\xC3\xA0 N\xE1\xBA\xB5ng";
    const char want[] = "He said \xEF\xBF\xBD" "a\xEF\xBF\xBD, \xEF\xBF\xBD" "b\xEF\xBF\xBD, "
                        "\xEF\xBF\xBD" "c\xEF\xBF\xBD and \xEF\xBF\xBD" "d\xEF\xBF\xBD in "
                        "Việt Nam, Hà Nội, Đà Nẵng";
    char *out;
    size_t n;
    chude_decode_info info;
    assert_int_equal(chude_decode(in, strlen(in), &out, &n, &info, NULL), CHUDE_OK);
    assert_int_equal(info.encoding, CHUDE_ENC_UTF8);
    assert_int_equal(info.invalid_count, 8);
    assert_int_equal(info.first_invalid_offset, 8);
    assert_string_equal(out, want);
    free(out);
}

/* UTF-8 (BMP only) to UTF-16 without a BOM; returns the byte length. */
static size_t to_utf16(const char *u8, int big, char *out)
{
    const unsigned char *p = (const unsigned char *)u8;
    size_t w = 0;
    while (*p) {
        uint32_t c;
        if (*p < 0x80) c = *p++;
        else if (*p < 0xE0) { c = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F); p += 2; }
        else { c = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F); p += 3; }
        out[w + (big ? 0 : 1)] = (char)(c >> 8);
        out[w + (big ? 1 : 0)] = (char)(c & 0xFF);
        w += 2;
    }
    return w;
}

/* "Hà Nội và Việt Nam, hòa bình" decomposed: two combining graves (U+0300, a zero byte on
 * the other parity) among 33 code units */
static const char nfd_vietnamese[] = "Ha\xCC\x80 No\xCC\x82\xCC\xA3i va\xCC\x80 Vie\xCC\x82\xCC\xA3t Nam, "
                                     "ho\xCC\x80" "a bi\xCC\x81nh";

static void decomposed_utf16le_without_bom_is_decoded_not_refused_as_binary(void **s)
{
    (void)s;
    char buf[128];
    size_t n = to_utf16(nfd_vietnamese, 0, buf);
    expect_decoded(buf, n, nfd_vietnamese, CHUDE_ENC_UTF16LE);
}

static void decomposed_utf16be_without_bom_is_decoded_not_refused_as_binary(void **s)
{
    (void)s;
    char buf[128];
    size_t n = to_utf16(nfd_vietnamese, 1, buf);
    expect_decoded(buf, n, nfd_vietnamese, CHUDE_ENC_UTF16BE);
}

static void empty_input_gives_an_empty_string(void **s)
{
    (void)s;
    expect_decoded("", 0, "", CHUDE_ENC_UTF8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(utf8_passes_through_unchanged),
        cmocka_unit_test(utf8_bom_is_dropped),
        cmocka_unit_test(utf16le_with_bom_is_decoded),
        cmocka_unit_test(utf16be_with_bom_is_decoded),
        cmocka_unit_test(utf16le_without_bom_is_recognised_by_its_zero_bytes),
        cmocka_unit_test(utf16_surrogate_pairs_become_one_code_point),
        cmocka_unit_test(invalid_utf8_is_replaced_and_reported_with_its_offset),
        cmocka_unit_test(overlong_and_surrogate_utf8_are_invalid),
        cmocka_unit_test(binary_data_is_refused_with_the_offset_of_its_first_nul),
        cmocka_unit_test(legacy_windows_1258_text_is_converted),
        cmocka_unit_test(empty_input_gives_an_empty_string),
        cmocka_unit_test(a_short_windows_1258_text_with_no_valid_utf8_is_converted),
        cmocka_unit_test(utf8_with_a_few_stray_windows_quotes_keeps_its_vietnamese_letters),
        cmocka_unit_test(decomposed_utf16le_without_bom_is_decoded_not_refused_as_binary),
        cmocka_unit_test(decomposed_utf16be_without_bom_is_decoded_not_refused_as_binary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
