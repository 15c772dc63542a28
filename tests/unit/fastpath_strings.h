/* fastpath_strings.h — random short texts for comparing the fast paths of the normalizer and
 * tokenizer with their ICU reference paths (test helper, not installed).
 *
 * Each text is a few pieces drawn from an alphabet chosen to hit the rules: o/u/q/a/e/y with
 * and without tone marks in both cases, precomposed and decomposed letters, Đ look-alikes,
 * invisible characters, odd spaces and line breaks, word-joining punctuation (. , : ' ’ _ @),
 * digits, symbols, emoji and invalid bytes. A fixed seed makes every run see the same texts. */
#ifndef FASTPATH_STRINGS_H
#define FASTPATH_STRINGS_H

#include <stdint.h>
#include <string.h>

static const char *const fastpath_pieces[] = {
    "o", "O", "u", "U", "q", "Q", "a", "A", "e", "y", "Y", "h", "t", "n", "k", "đ", "Đ",
    "à", "á", "ả", "ã", "ạ", "À", "Ạ", "è", "ẹ", "ẻ", "ỳ", "ý", "ỷ", "ỹ", "ỵ", "Ỷ", "ò", "ó", "Ỏ", "ọ",
    "ù", "ú", "ủ", "ụ", "Ủ", "â", "ầ", "ậ", "ă", "ặ", "ê", "ệ", "ô", "ộ", "ơ", "ợ", "ư", "ừ", "Ư",
    "\xCC\x80", "\xCC\x81", "\xCC\xA3", "\xCC\x82", "\xCC\x89",          /* combining marks */
    "Ð", "ð", "Ɖ", "\xE2\x80\x8B", "\xC2\xAD", "\xC2\xA0", "\xE2\x80\xAF", "\xEF\xBB\xBF",
    "\xE2\x80\xA8", "\r\n", "\r", "\n", "\t", " ", "  ", "\x01", "\x7F",
    ".", ",", ":", ";", "'", "’", "‘", "_", "@", "-", "/", "(", ")", "\"", "…", "·", "₫", "%",
    "0", "1", "2018", "3.5", "1/2", "www.", "://", "x@y.vn",
    "😀", "中", "ç", "ß", "µ", "\xE2\x80\x8D", "\xE2\x80\x8E", "\xFF", "\xC3", "\xE1\xBA" };

/* Writes the k-th random text (NUL-terminated, at most cap bytes) into buf; returns its length. */
static size_t fastpath_text(uint32_t k, char *buf, size_t cap)
{
    uint64_t x = 0x9E3779B97F4A7C15ULL * (k + 1);
    size_t n = 0, npieces = sizeof fastpath_pieces / sizeof *fastpath_pieces;
    int len = 1 + (int)(k % 14);
    for (int i = 0; i < len; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        const char *p = fastpath_pieces[x % npieces];
        size_t pl = strlen(p);
        if (n + pl + 1 > cap) break;
        memcpy(buf + n, p, pl);
        n += pl;
    }
    buf[n] = 0;
    return n;
}

#endif
