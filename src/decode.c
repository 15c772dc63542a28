/* decode.c — turns raw bytes into UTF-8, whatever common encoding they came in.
 *
 * It sniffs BOMs and zero-byte patterns, validates UTF-8 strictly, and replaces what it
 * cannot decode with U+FFFD while counting it. It must never read past len, never print,
 * and never normalise: canonical forms are normalize.c's job. */
#include "chude/decode.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucnv.h>

const char *chude_encoding_name(chude_encoding e)
{
    switch (e) {
    case CHUDE_ENC_UTF8: return "UTF-8";
    case CHUDE_ENC_UTF8_BOM: return "UTF-8 (BOM)";
    case CHUDE_ENC_UTF16LE: return "UTF-16LE";
    case CHUDE_ENC_UTF16BE: return "UTF-16BE";
    case CHUDE_ENC_CP1258: return "Windows-1258";
    }
    return "unknown";
}

int chude_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    uint32_t cp;
    while (i < len) {
        if (i + 8 <= len) {   /* eight ASCII bytes at a time */
            uint64_t w;
            memcpy(&w, p + i, 8);
            if (!(w & 0x8080808080808080ULL)) { i += 8; continue; }
        }
        size_t k = chude_utf8_decode(p + i, len - i, &cp);
        if (!k) return 0;
        i += k;
    }
    return 1;
}

static void note_invalid(chude_decode_info *info, size_t off)
{
    if (info->invalid_count++ == 0) info->first_invalid_offset = off;
}

static chude_status from_utf8(const unsigned char *p, size_t len, size_t base, char **out,
                              size_t *out_len, chude_decode_info *info)
{
    char *o = malloc(len * 3 + 1);   /* an invalid byte becomes 3 bytes of U+FFFD */
    if (!o) return CHUDE_ERR_NOMEM;
    size_t i = 0, w = 0;
    while (i < len) {
        uint32_t cp;
        size_t k = chude_utf8_decode(p + i, len - i, &cp);
        if (k) { memcpy(o + w, p + i, k); w += k; i += k; }
        else { note_invalid(info, base + i); w += chude_utf8_encode(o + w, 0xFFFD); i++; }
    }
    o[w] = 0;
    *out = o;
    *out_len = w;
    return CHUDE_OK;
}

static chude_status from_utf16(const unsigned char *p, size_t len, size_t base, int big,
                               char **out, size_t *out_len, chude_decode_info *info)
{
    char *o = malloc(len / 2 * 3 + 4 + 1);
    if (!o) return CHUDE_ERR_NOMEM;
    size_t i = 0, w = 0;
    while (i + 1 < len) {
        uint32_t u = big ? (uint32_t)(p[i] << 8 | p[i + 1]) : (uint32_t)(p[i + 1] << 8 | p[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < len) {
            uint32_t u2 = big ? (uint32_t)(p[i + 2] << 8 | p[i + 3]) : (uint32_t)(p[i + 3] << 8 | p[i + 2]);
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                w += chude_utf8_encode(o + w, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                i += 4;
                continue;
            }
        }
        if ((u >= 0xD800 && u <= 0xDFFF) || u == 0) {
            note_invalid(info, base + i);
            u = 0xFFFD;
        }
        w += chude_utf8_encode(o + w, u);
        i += 2;
    }
    if (i < len) { note_invalid(info, base + i); w += chude_utf8_encode(o + w, 0xFFFD); }
    o[w] = 0;
    *out = o;
    *out_len = w;
    return CHUDE_OK;
}

static chude_status from_cp1258(const char *p, size_t len, char **out, size_t *out_len)
{
    UErrorCode err = U_ZERO_ERROR;
    size_t cap = len * 4 + 1;
    if (len > (size_t)INT32_MAX / 4 - 1) return CHUDE_ERR_LIMIT;
    char *o = malloc(cap);
    if (!o) return CHUDE_ERR_NOMEM;
    int32_t n = ucnv_convert("UTF-8", "windows-1258", o, (int32_t)cap, p, (int32_t)len, &err);
    if (U_FAILURE(err)) { free(o); return CHUDE_ERR_ICU; }
    o[n] = 0;
    *out = o;
    *out_len = (size_t)n;
    return CHUDE_OK;
}

/* Nonzero when b, next to a zero byte, makes the pair a code point U+bb00 of text. */
static int is_zero_low_partner(unsigned char b)
{
    return (b >= 0x01 && b <= 0x03) || b == 0x1E || b == 0x20;
}

chude_status chude_decode(const char *bytes, size_t len, char **out, size_t *out_len,
                          chude_decode_info *info, chude_diag *diag)
{
    chude_decode_info local;
    if (!info) info = &local;
    memset(info, 0, sizeof *info);
    if (!out || !out_len || (!bytes && len)) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    *out_len = 0;
    const unsigned char *p = (const unsigned char *)bytes;
    if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        info->encoding = CHUDE_ENC_UTF8_BOM;
        return from_utf8(p + 3, len - 3, 3, out, out_len, info);
    }
    if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        info->encoding = CHUDE_ENC_UTF16LE;
        return from_utf16(p + 2, len - 2, 2, 0, out, out_len, info);
    }
    if (len >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        info->encoding = CHUDE_ENC_UTF16BE;
        return from_utf16(p + 2, len - 2, 2, 1, out, out_len, info);
    }
    /* Zero bytes: UTF-16 without BOM if they sit on one parity, else binary. A zero whose
     * partner byte is 0x01-0x03, 0x1E or 0x20 is the low byte of U+0100/0200/0300/1E00/2000
     * (the combining grave U+0300 of decomposed Vietnamese, above all), so it does not count
     * against the parity it sits on: as the other byte order it would be a control
     * character. */
    size_t zeros_even = 0, zeros_odd = 0, first_zero = len;
    size_t low_even = 0, low_odd = 0;   /* zeros that are such low bytes (LE even, BE odd) */
    for (size_t i = 0; i < len; i++)
        if (!p[i]) {
            if (first_zero == len) first_zero = i;
            if (i & 1) {
                zeros_odd++;
                if (is_zero_low_partner(p[i - 1])) low_odd++;
            } else {
                zeros_even++;
                if (i + 1 < len && is_zero_low_partner(p[i + 1])) low_even++;
            }
        }
    if (zeros_even + zeros_odd) {
        size_t half = len / 2;
        if (len % 2 == 0 && zeros_odd * 10 >= half * 3 && (zeros_even - low_even) * 50 <= half) {
            info->encoding = CHUDE_ENC_UTF16LE;
            return from_utf16(p, len, 0, 0, out, out_len, info);
        }
        if (len % 2 == 0 && zeros_even * 10 >= half * 3 && (zeros_odd - low_odd) * 50 <= half) {
            info->encoding = CHUDE_ENC_UTF16BE;
            return from_utf16(p, len, 0, 1, out, out_len, info);
        }
        if (diag) diag->offset = first_zero;
        return chude_diag_set(diag, CHUDE_ERR_ENCODING, "binary data (NUL byte at offset %zu)", first_zero);
    }
    /* UTF-8 unless the non-ASCII bytes look like a legacy 8-bit file (Windows-1258): none
     * of them forms a valid UTF-8 sequence (at least two bad bytes: one alone is as likely a
     * damaged UTF-8 file), or at least 8 bad bytes outnumber both the valid sequences and
     * the bytes those sequences take. A valid multi-byte sequence is strong evidence (by
     * chance a Windows-1258 letter must be followed by the right symbols), so UTF-8 with a
     * few stray Windows quotes keeps its Vietnamese letters. */
    size_t high = 0, bad = 0, good_bytes = 0, i = 0;
    uint32_t cp;
    while (i < len) {
        if (p[i] < 0x80) { i++; continue; }
        high++;
        size_t k = chude_utf8_decode(p + i, len - i, &cp);
        if (k) { i += k; good_bytes += k; } else { bad++; i++; }
    }
    if ((bad >= 2 && bad == high) || (bad >= 8 && bad * 2 > high && bad > good_bytes)) {
        info->encoding = CHUDE_ENC_CP1258;
        return from_cp1258(bytes, len, out, out_len);
    }
    info->encoding = CHUDE_ENC_UTF8;
    return from_utf8(p, len, 0, out, out_len, info);
}
