/* normalize.c — the canonical form of Vietnamese text.
 *
 * Steps, in order: UTF-8 to UTF-16; NFD; invisible characters dropped, spaces and line
 * breaks unified, Đ look-alikes and fullwidth digits mapped; the tone mark of open
 * "oa"/"oe"/"uy" syllables moved to the chosen vowel; case folding; NFC; back to UTF-8; then,
 * line by line, boilerplate lines dropped (a long line glued to a photo credit keeps its
 * content), placeholders substituted and spaces collapsed. It must stay pure (no I/O, no
 * globals) and must not decide what a token is: that is tokenize.c's job.
 *
 * Fast path: text made only of ASCII, precomposed Vietnamese letters and common punctuation
 * (nearly all news) skips the UTF-16 round trip. A table built from ICU when the normalizer
 * is created gives each such character's base letter, tone and case-folded form, so the fast
 * path computes exactly what the ICU steps would; anything else (combining marks, other
 * scripts, invalid UTF-8) takes the ICU path. tests/unit/test_normalize.c and the fuzz
 * harness compare the two paths. */
#include "chude/normalize.h"
#include "normalize_ref.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

/* What the fast path knows of one code point (after the cleaning map). */
enum { FP_NONE = 0, FP_OTHER, FP_DIGIT, FP_LETTER };
#define FP_DROP 0xFFFFu   /* map: the character is dropped (invisible) */
#define FP_SLOW 0xFFFEu   /* map: the text needs the ICU path */
typedef struct {
    uint32_t fold;    /* NFC of the case-folded NFD: the output when nothing moves */
    uint8_t kind;     /* FP_*; FP_NONE = not handled, use ICU */
    uint8_t base;     /* letters: lowercase ASCII base letter, or 0 for đ */
    uint8_t mod;      /* letters: nonzero when a circumflex, breve or horn sits on it */
    uint8_t tone;     /* letters: 0 none, 1..5 grave acute tilde hook dot-below */
    uint8_t upper;    /* letters: nonzero for capitals */
} fp_info;

struct chude_normalizer {
    chude_normalize_options opt;
    fp_info fp[CHUDE_FAST_TABLE];
    uint16_t map[CHUDE_FAST_TABLE];   /* fast-table index after the cleaning map; FP_DROP or FP_SLOW */
    uint32_t compose[5][6][2];   /* a e o u y x tone x upper -> precomposed code point */
    uint16_t *cps;               /* fast path: fast-table index of each code point of the text */
    size_t cps_cap;
    const UNormalizer2 *nfd, *nfc;
    UChar *u1, *u2;          /* UTF-16 work buffers */
    int32_t ucap;
    char *utf8;              /* UTF-8 after the Unicode steps */
    size_t utf8_cap;
    char *out;               /* final result */
    size_t out_cap;
};

static int fp_build(chude_normalizer *n);

chude_normalize_options chude_normalize_defaults(void)
{
    chude_normalize_options o = { CHUDE_TONE_FIRST, 1, 1, 1 };
    return o;
}

chude_status chude_normalizer_new(const chude_normalize_options *opt, chude_normalizer **out)
{
    if (!out) return CHUDE_ERR_ARGUMENT;
    *out = NULL;
    chude_normalize_options o = opt ? *opt : chude_normalize_defaults();
    if (o.tone_style != CHUDE_TONE_FIRST && o.tone_style != CHUDE_TONE_SECOND)
        return CHUDE_ERR_ARGUMENT;
    chude_normalizer *n = calloc(1, sizeof *n);
    if (!n) return CHUDE_ERR_NOMEM;
    n->opt = o;
    UErrorCode e = U_ZERO_ERROR;
    n->nfd = unorm2_getNFDInstance(&e);
    n->nfc = unorm2_getNFCInstance(&e);
    if (U_FAILURE(e) || !fp_build(n)) { free(n); return CHUDE_ERR_ICU; }
    *out = n;
    return CHUDE_OK;
}

void chude_normalizer_free(chude_normalizer *n)
{
    if (!n) return;
    free(n->u1);
    free(n->u2);
    free(n->cps);
    free(n->utf8);
    free(n->out);
    free(n);
}

static int grow_u(chude_normalizer *n, int32_t need)
{
    if (need <= n->ucap) return 1;
    int32_t cap = need + need / 2 + 64;
    if (cap < need) return 0;
    UChar *a = realloc(n->u1, (size_t)cap * sizeof(UChar));
    if (!a) return 0;
    n->u1 = a;
    UChar *b = realloc(n->u2, (size_t)cap * sizeof(UChar));
    if (!b) return 0;
    n->u2 = b;
    n->ucap = cap;
    return 1;
}

static int grow_c(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap) return 1;
    size_t c = need + need / 2 + 64;
    char *b = realloc(*buf, c);
    if (!b) return 0;
    *buf = b;
    *cap = c;
    return 1;
}

static int is_tone(UChar c)
{
    return c == 0x0300 || c == 0x0301 || c == 0x0303 || c == 0x0309 || c == 0x0323;
}

static int is_letterish(UChar c)
{
    return u_isalpha(c) || u_getCombiningClass(c) != 0 || u_isdigit(c);
}

static uint32_t clean_one(uint32_t c, uint32_t next);

/* Steps on NFD UTF-16 in place: drop invisibles, unify spaces and breaks, map look-alikes
 * (clean_one, unit by unit). */
static int32_t clean_chars(UChar *s, int32_t n)
{
    int32_t w = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t c = clean_one(s[i], i + 1 < n ? s[i + 1] : UINT32_MAX);
        if (c) s[w++] = (UChar)c;   /* every mapped value is in the BMP */
    }
    return w;
}

/* Moves tone marks of open oa/oe/uy syllables (NFD) to the chosen vowel, in place.
 * first style: o+a+T -> o+T+a ; second style: o+T+a -> o+a+T. Only when the pair ends the
 * syllable ("hoàn" is left alone) and, for uy, not after q ("quý" is the same in both). */
static void place_tones(UChar *s, int32_t n, int style)
{
    for (int32_t i = 0; i + 2 < n; i++) {
        UChar v1 = s[i], x = s[i + 1], y = s[i + 2];
        int lower1 = v1 | 0x20;
        if (lower1 != 'o' && lower1 != 'u') continue;
        if (i > 0 && is_letterish(s[i - 1]) && lower1 == 'u' && (s[i - 1] | 0x20) == 'q') continue;
        if (style == CHUDE_TONE_FIRST) {
            int l2 = x | 0x20;
            int ok = (lower1 == 'o' && (l2 == 'a' || l2 == 'e')) || (lower1 == 'u' && l2 == 'y');
            if (!ok || !is_tone(y)) continue;
            if (i + 3 < n && is_letterish(s[i + 3])) continue;
            s[i + 1] = y;
            s[i + 2] = x;
            i += 2;
        } else {
            int l2 = y | 0x20;
            int ok = (lower1 == 'o' && (l2 == 'a' || l2 == 'e')) || (lower1 == 'u' && l2 == 'y');
            if (!ok || !is_tone(x)) continue;
            if (i + 3 < n && is_letterish(s[i + 3])) continue;
            s[i + 1] = y;
            s[i + 2] = x;
            i += 2;
        }
    }
}

/* ---- fast path ------------------------------------------------------------------------ */

static int tone_of(UChar c)
{
    switch (c) {
    case 0x0300: return 1;
    case 0x0301: return 2;
    case 0x0303: return 3;
    case 0x0309: return 4;
    case 0x0323: return 5;
    default: return 0;
    }
}

static const UChar tone_mark[6] = { 0, 0x0300, 0x0301, 0x0303, 0x0309, 0x0323 };

/* One code point through ICU's NFD, fold and NFC: the single code point that results, or 0. */
static uint32_t icu_fold_one(const chude_normalizer *n, const UChar *d, int32_t dn)
{
    UChar f[16], c[16];
    UErrorCode e = U_ZERO_ERROR;
    int32_t fn = u_strFoldCase(f, 16, d, dn, U_FOLD_CASE_DEFAULT, &e);
    if (U_FAILURE(e)) return 0;
    int32_t cn = unorm2_normalize(n->nfc, f, fn, c, 16, &e);
    if (U_FAILURE(e) || cn != 1 || U16_IS_SURROGATE(c[0])) return 0;
    return c[0];
}

/* Describes code point c for the fast path, asking ICU what its steps would do with it. */
static fp_info fp_describe(const chude_normalizer *n, uint32_t c)
{
    fp_info f = { 0, FP_NONE, 0, 0, 0, 0 };
    UChar one[1] = { (UChar)c }, d[16], back[16];
    UErrorCode e = U_ZERO_ERROR;
    if (c >= 0xD800 && c < 0xE000) return f;
    int32_t dn = unorm2_normalize(n->nfd, one, 1, d, 16, &e);
    if (U_FAILURE(e) || dn < 1) return f;
    int32_t bn = unorm2_normalize(n->nfc, d, dn, back, 16, &e);
    if (U_FAILURE(e) || bn != 1 || back[0] != c) return f;   /* not NFC-stable: ICU path */
    if (c >= '0' && c <= '9') { f.kind = FP_DIGIT; f.fold = c; return f; }
    int ascii_base = d[0] < 0x80 && ((d[0] | 0x20) >= 'a' && (d[0] | 0x20) <= 'z');
    if (ascii_base || c == 0x0110 || c == 0x0111) {
        int mods = 0, tones = 0, tone = 0;
        for (int32_t i = 1; i < dn; i++) {
            if (d[i] == 0x0302 || d[i] == 0x0306 || d[i] == 0x031B) mods++;
            else if (tone_of(d[i])) { tones++; tone = tone_of(d[i]); }
            else return f;                                  /* another mark: ICU path */
        }
        if (mods > 1 || tones > 1) return f;
        uint32_t folded = n->opt.case_fold ? icu_fold_one(n, d, dn) : c;
        if (!folded) return f;
        f.kind = FP_LETTER;
        f.fold = folded;
        f.base = ascii_base ? (uint8_t)(d[0] | 0x20) : 0;
        f.mod = (uint8_t)(mods || !ascii_base);
        f.tone = (uint8_t)tone;
        f.upper = (uint8_t)(u_isupper((UChar32)c) != 0);
        return f;
    }
    if (u_isalpha((UChar32)c) || u_isdigit((UChar32)c) || u_getCombiningClass((UChar32)c) != 0) return f;
    if (dn != 1 || d[0] != c) return f;
    if (n->opt.case_fold && u_foldCase((UChar32)c, U_FOLD_CASE_DEFAULT) != (UChar32)c) return f;
    f.kind = FP_OTHER;
    f.fold = c;
    return f;
}

static int fp_build(chude_normalizer *n)
{
    static const char vowels[5] = { 'a', 'e', 'o', 'u', 'y' };
    for (size_t i = 0; i < CHUDE_FAST_TABLE; i++) n->fp[i] = fp_describe(n, chude_fast_char(i));
    for (size_t i = 0; i < CHUDE_FAST_TABLE; i++) {
        uint32_t k = clean_one(chude_fast_char(i), UINT32_MAX);   /* CR alone; CR LF is seen in the loop */
        size_t x = k ? chude_fast_index(k) : SIZE_MAX;
        n->map[i] = (uint16_t)(!k ? FP_DROP : x == SIZE_MAX || n->fp[x].kind == FP_NONE ? FP_SLOW : x);
    }
    for (int v = 0; v < 5; v++)
        for (int t = 0; t < 6; t++)
            for (int up = 0; up < 2; up++) {
                UChar in[2] = { (UChar)(up ? vowels[v] - 32 : vowels[v]), tone_mark[t] }, out[4];
                UErrorCode e = U_ZERO_ERROR;
                int32_t k = unorm2_normalize(n->nfc, in, t ? 2 : 1, out, 4, &e);
                if (U_FAILURE(e) || k != 1) return 0;
                uint32_t c = out[0];
                if (n->opt.case_fold) {
                    UChar d[4];
                    int32_t dn = unorm2_normalize(n->nfd, out, 1, d, 4, &e);
                    if (U_FAILURE(e) || !(c = icu_fold_one(n, d, dn))) return 0;
                }
                n->compose[v][t][up] = c;
            }
    return 1;
}

static int vowel_slot(uint8_t base)
{
    switch (base) {
    case 'a': return 0;
    case 'e': return 1;
    case 'o': return 2;
    case 'u': return 3;
    case 'y': return 4;
    default: return -1;
    }
}

/* The cleaning map for one code point (both paths): 0 = drop, else the code point. next is
 * the following code point (or UINT32_MAX) for the CR LF pair. */
static uint32_t clean_one(uint32_t c, uint32_t next)
{
    switch (c) {
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
    case 0x034F: case 0x180E:
        return 0;
    case '\r': return next == '\n' ? 0 : '\n';
    case 0x2028: case 0x2029: case 0x0085: case '\v': case '\f': return '\n';
    case 0x00A0: case 0x202F: case 0x3000: case '\t': return ' ';
    case 0x00D0: case 0x0189: return 0x0110;
    case 0x00F0: case 0x0256: return 0x0111;
    default:
        if (c >= 0xFF10 && c <= 0xFF19) return '0' + (c - 0xFF10);   /* fullwidth digits */
        if (c >= 0x2000 && c <= 0x200A) return ' ';
        if (c < 0x20 && c != '\n') return ' ';
        if (c >= 0x7F && c < 0xA0) return ' ';
        return c;
    }
}

static int fp_letterish(const fp_info *f) { return f->kind == FP_LETTER || f->kind == FP_DIGIT; }

/* The Unicode steps without ICU, into n->utf8. Returns 1 when done, 0 when the text needs the
 * ICU path, -1 when out of memory. */
static int fast_unicode_steps(chude_normalizer *n, const char *text, size_t len, size_t *blen)
{
    const unsigned char *s = (const unsigned char *)text;
    if (len + 1 > n->cps_cap) {
        size_t cap = len + len / 2 + 64;
        uint16_t *c = realloc(n->cps, cap * sizeof *c);
        if (!c) return -1;
        n->cps = c;
        n->cps_cap = cap;
    }
    size_t m = 0, i = 0;
    while (i < len) {
        uint32_t c = s[i];
        if (c < 0x80) i++;
        else {
            size_t k = chude_utf8_decode(s + i, len - i, &c);
            if (!k) return 0;   /* invalid UTF-8: the ICU path replaces it */
            i += k;
        }
        size_t x = chude_fast_index(c);   /* SIZE_MAX past the BMP tables: the ICU path */
        if (x == SIZE_MAX) return 0;
        uint16_t k = n->map[x];
        if (k >= FP_SLOW) {
            if (k == FP_SLOW) return 0;
            continue;
        }
        if (c == '\r' && i < len && s[i] == '\n') continue;   /* CR LF: the LF stays */
        n->cps[m++] = k;
    }
    /* tone placement (the rules of place_tones, on whole letters) and output in one pass */
    if (!grow_c(&n->utf8, &n->utf8_cap, m * 3 + 1)) return -1;
    int first = n->opt.tone_style == CHUDE_TONE_FIRST;
    int up = !n->opt.case_fold;
    char *o = n->utf8;
    size_t w = 0;
    for (size_t j = 0; j < m; j++) {
        const fp_info *a = &n->fp[n->cps[j]];
        if (a->kind == FP_LETTER && !a->mod && (a->base == 'o' || a->base == 'u') && j + 1 < m
            && (first ? a->tone == 0 : a->tone != 0)) {
            const fp_info *b = &n->fp[n->cps[j + 1]];
            int pair = b->kind == FP_LETTER && !b->mod && (first ? b->tone != 0 : b->tone == 0)
                       && (a->base == 'o' ? (b->base == 'a' || b->base == 'e') : b->base == 'y');
            if (pair && a->base == 'u' && j > 0) {
                const fp_info *q = &n->fp[n->cps[j - 1]];
                if (q->kind == FP_LETTER && q->base == 'q' && !q->mod && !q->tone) pair = 0;
            }
            if (pair && j + 2 < m && fp_letterish(&n->fp[n->cps[j + 2]])) pair = 0;
            if (pair) {
                int ta = first ? b->tone : 0, tb = first ? 0 : a->tone;
                w += chude_utf8_encode(o + w, n->compose[vowel_slot(a->base)][ta][up ? a->upper : 0]);
                w += chude_utf8_encode(o + w, n->compose[vowel_slot(b->base)][tb][up ? b->upper : 0]);
                j++;
                continue;
            }
        }
        w += chude_utf8_encode(o + w, a->fold);   /* the code point itself without case folding */
    }
    n->utf8[w] = 0;
    *blen = w;
    return 1;
}

/* ---- line-level steps on UTF-8 ------------------------------------------------------- */

static int starts(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

static int contains(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(s + i, p, k) == 0) return 1;
    return 0;
}

/* How many bytes at the start of s (n bytes) are letters, ASCII or not (a word of a
 * case-folded line). Punctuation past ASCII (U+2000..U+206F: dashes, quotes, ellipsis) is
 * not a letter. */
static size_t word_len(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c < 'a' || c > 'z') break;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = chude_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!k || (cp >= 0x2000 && cp < 0x2070) || cp == 0xFFFD) break;
        i += k;
    }
    return i;
}

static int word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (n == strlen(list[i]) && memcmp(w, list[i], n) == 0) return 1;
    return 0;
}

/* Nonzero when s (n bytes) is the rest of a date stamp: at least 4 digits, and no word but
 * the words of dates and times ("Thứ Bảy, 15/07/2017, 06:02 [GMT+7]" after the weekday). */
static int date_stamp_rest(const char *s, size_t n)
{
    static const char *const time_words[] = {
        "ngày", "tháng", "năm", "lúc", "giờ", "phút", "gmt", "utc", "ict", "sáng", "trưa",
        "chiều", "tối", "đêm", "am", "pm", "h", "g" };
    size_t digits = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') { digits++; i++; continue; }
        size_t k = word_len(s + i, n - i);
        if (!k) {   /* a separator: ASCII punctuation or space, or punctuation past ASCII */
            if (c < 0x80) i++;
            else {
                uint32_t cp;
                size_t m = chude_utf8_decode((const unsigned char *)s + i, n - i, &cp);
                i += m ? m : 1;
            }
            continue;
        }
        if (!word_in(s + i, k, time_words, sizeof time_words / sizeof *time_words)) return 0;
        i += k;
    }
    return digits >= 4;
}

/* Nonzero when a (case-folded, trimmed) line is a date stamp: digits and separators only,
 * or a weekday ("thứ" + hai..bảy, 2..7, cn; "chủ nhật") followed by a date and time. A
 * title that starts with "thứ" ("Thứ hạng FIFA tháng 5/2018") is content. */
static int is_date_stamp(const char *s, size_t n)
{
    static const char *const weekdays[] = {
        "hai", "ba", "tư", "năm", "sáu", "bảy", "2", "3", "4", "5", "6", "7", "cn" };
    if (n >= 96) return 0;
    size_t i;
    if (starts(s, n, "chủ nhật")) i = strlen("chủ nhật");
    else if (starts(s, n, "thứ ")) {
        i = strlen("thứ ");
        size_t k = word_len(s + i, n - i);
        if (!k) while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9') k++;
        if (!word_in(s + i, k, weekdays, sizeof weekdays / sizeof *weekdays)) return 0;
        i += k;
    } else {
        int digits = 0;
        for (i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= '0' && c <= '9') digits++;
            else if (c >= 0x80 || (c >= 'a' && c <= 'z')) return 0;
        }
        return digits >= 4 && n < 48;
    }
    if (i < n && word_len(s + i, n - i)) return 0;   /* "chủ nhật" glued to a word */
    return date_stamp_rest(s + i, n - i);
}

/* A credit line ("Ảnh: Vi Thu") that is short is dropped whole; one that goes on into the
 * paragraph it was glued to keeps the paragraph. Both tone placements of "họa" are listed,
 * since the text has already been given the normalizer's. */
#define CREDIT_SHORT 80    /* bytes after the prefix below which the whole line goes */
#define CREDIT_NAME 48     /* bytes after the prefix in which a credited name ends with ". " */
static const struct { const char *prefix; int named; } credits[] = {
    { "ảnh:", 1 }, { "nguồn ảnh", 1 }, { "ảnh minh họa", 0 }, { "ảnh minh hoạ", 0 },
    { "(ảnh minh họa", 0 }, { "(ảnh minh hoạ", 0 }, { "chia sẻ:", 0 } };

/* How web furniture a (case-folded, trimmed) line is: 1 = drop it; 0 = content, from byte
 * *skip on (a credit prefix cut off a long line; 0 otherwise). */
static int is_boilerplate(const char *s, size_t n, size_t *skip)
{
    static const char *const exact[] = {
        "tin liên quan", "tin cùng chuyên mục", "bài liên quan", "tin khác", "xem thêm",
        "đọc thêm", "chia sẻ", "facebook", "twitter", "tweet", "zalo", "email", "e-mail",
        "in bài", "bản in", "gửi bài", "bình luận", "lượt xem", "like", "share", "google+",
        "print", "về đầu trang", "trở lại", "quay lại", "top", "ý kiến bạn đọc",
        "gửi bình luận", "gửi ý kiến", "tin mới", "tin nổi bật", "tin đọc nhiều" };
    static const char *const prefix[] = {
        "tin liên quan", "cập nhật lúc", "ngày đăng:", "đăng lúc", "xem thêm:", "đọc thêm:",
        "tags:", "từ khóa:", "từ khoá:", "share:" };
    size_t i;
    *skip = 0;
    if (n == 0) return 0;
    for (i = 0; i < sizeof exact / sizeof *exact; i++)
        if (n == strlen(exact[i]) && memcmp(s, exact[i], n) == 0) return 1;
    for (i = 0; i < sizeof prefix / sizeof *prefix; i++)
        if (starts(s, n, prefix[i])) return 1;
    for (i = 0; i < sizeof credits / sizeof *credits; i++) {
        size_t k = strlen(credits[i].prefix);
        if (!starts(s, n, credits[i].prefix)) continue;
        if (n - k < CREDIT_SHORT) return 1;
        size_t c = k;
        while (c < n && (s[c] == ' ' || s[c] == ':')) c++;
        int named = credits[i].named || memchr(s + k, ':', c - k) != NULL;
        if (s[0] == '(') {   /* "(ảnh minh họa: ...)": up to the closing parenthesis */
            const char *e = memchr(s + c, ')', n - c < CREDIT_NAME ? n - c : CREDIT_NAME);
            if (e) c = (size_t)(e - s) + 1;
        } else if (named) {   /* the name, when a sentence end follows it soon */
            for (size_t j = c; j + 1 < n && j < k + CREDIT_NAME; j++)
                if (s[j] == '.' && s[j + 1] == ' ') { c = j + 1; break; }
        }
        while (c < n && (s[c] == ' ' || s[c] == '.' || s[c] == ')' || s[c] == ':' || s[c] == '-')) c++;
        *skip = c;
        return 0;
    }
    if (starts(s, n, "cập nhật:")) {   /* a timestamp, not a title ("Cập nhật: Tin bão ...") */
        size_t c = strlen("cập nhật:");
        while (c < n && s[c] == ' ') c++;
        if (n < 64 && c < n && s[c] >= '0' && s[c] <= '9') return 1;
    }
    if (n < 64 && contains(s, n, "gmt+7")) return 1;
    /* lines of only punctuation, or only a date/time stamp (digits, separators, weekday) */
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c >= '0' && c <= '9') || c >= 0x80 || (c >= 'a' && c <= 'z')) break;
    }
    if (i == n) return 1;
    return is_date_stamp(s, n);
}

/* Placeholder for one space-delimited chunk, or NULL to keep it. cb and ce are set
 * to the part replaced (leading/trailing punctuation stays). */
static const char *placeholder(const char *s, size_t n, size_t *cb, size_t *ce)
{
    /* every placeholder needs a digit, '@', "://" or "www.": most chunks have none */
    int maybe = 0;
    for (size_t i = 0; i < n && !maybe; i++) {
        char ch = s[i];
        maybe = (ch >= '0' && ch <= '9') || ch == '@' || ch == ':' || (ch == 'w' && i + 4 <= n && memcmp(s + i, "www.", 4) == 0);
    }
    if (!maybe) return NULL;
    size_t b = 0, e = n;
    while (b < e && (s[b] == '(' || s[b] == '[' || s[b] == '"' || s[b] == '\'' || s[b] == '<')) b++;
    while (e > b && strchr(".,;:!?)]\"'>…", s[e - 1]) && (unsigned char)s[e - 1] < 0x80) e--;
    if (b == e) return NULL;
    *cb = b;
    *ce = e;
    const char *c = s + b;
    size_t k = e - b;
    if (contains(c, k, "://") || starts(c, k, "www.")) return "_url_";
    const char *at = memchr(c, '@', k);
    if (at && at > c && memchr(at, '.', k - (size_t)(at - c)) && at + 1 < c + k) return "_email_";
    size_t digits = 0, seps = 0, slash = 0, other = 0;
    for (size_t i = 0; i < k; i++) {
        char ch = c[i];
        if (ch >= '0' && ch <= '9') digits++;
        else if (ch == '/' || ch == '-') { slash++; seps++; }
        else if (ch == '.' || ch == ',' || ch == ':' || ch == '%') seps++;
        else other++;
    }
    if (!digits || other) return NULL;
    if (slash >= 1 && digits >= 3 && c[0] >= '0' && c[0] <= '9') return "_date_";
    return "_num_";
}

/* The Unicode steps through ICU, into n->utf8; *blen receives the length. */
static chude_status icu_unicode_steps(chude_normalizer *n, const char *text, size_t len, size_t *blen_out)
{
    UErrorCode e = U_ZERO_ERROR;
    int32_t ulen = 0;
    if (!grow_u(n, (int32_t)len * 3 + 16)) return CHUDE_ERR_NOMEM;
    /* UTF-8 -> UTF-16 */
    u_strFromUTF8WithSub(n->u1, n->ucap, &ulen, text ? text : "", (int32_t)len, 0xFFFD, NULL, &e);
    if (U_FAILURE(e)) return CHUDE_ERR_ICU;
    /* NFD (may grow: up to 3x for Vietnamese precomposed letters) */
    int32_t dlen = unorm2_normalize(n->nfd, n->u1, ulen, n->u2, n->ucap, &e);
    if (e == U_BUFFER_OVERFLOW_ERROR) {
        e = U_ZERO_ERROR;
        if (!grow_u(n, dlen + 16)) return CHUDE_ERR_NOMEM;
        /* u1 was reallocated but its content survives realloc */
        dlen = unorm2_normalize(n->nfd, n->u1, ulen, n->u2, n->ucap, &e);
    }
    if (U_FAILURE(e)) return CHUDE_ERR_ICU;
    dlen = clean_chars(n->u2, dlen);
    place_tones(n->u2, dlen, n->opt.tone_style);
    UChar *src = n->u2;
    int32_t slen = dlen;
    if (n->opt.case_fold) {
        int32_t flen = u_strFoldCase(n->u1, n->ucap, n->u2, dlen, U_FOLD_CASE_DEFAULT, &e);
        if (e == U_BUFFER_OVERFLOW_ERROR) {
            e = U_ZERO_ERROR;
            if (!grow_u(n, flen + 16)) return CHUDE_ERR_NOMEM;
            flen = u_strFoldCase(n->u1, n->ucap, n->u2, dlen, U_FOLD_CASE_DEFAULT, &e);
        }
        if (U_FAILURE(e)) return CHUDE_ERR_ICU;
        /* folding can produce tone-first pairs again only from uppercase input that was
         * already handled; nothing more to do */
        src = n->u1;
        slen = flen;
    }
    UChar *dst = (src == n->u1) ? n->u2 : n->u1;
    int32_t clen = unorm2_normalize(n->nfc, src, slen, dst, n->ucap, &e);
    if (U_FAILURE(e)) return CHUDE_ERR_ICU;
    /* UTF-16 -> UTF-8 */
    int32_t blen = 0;
    if (!grow_c(&n->utf8, &n->utf8_cap, (size_t)clen * 3 + 1)) return CHUDE_ERR_NOMEM;
    u_strToUTF8(n->utf8, (int32_t)n->utf8_cap, &blen, dst, clen, &e);
    if (U_FAILURE(e)) return CHUDE_ERR_ICU;
    *blen_out = (size_t)blen;
    return CHUDE_OK;
}

static chude_status line_steps(chude_normalizer *n, size_t L, const char **out, size_t *out_len);

static chude_status normalize_with(chude_normalizer *n, const char *text, size_t len,
                                   const char **out, size_t *out_len, int allow_fast)
{
    if (!n || !out || !out_len || (!text && len)) return CHUDE_ERR_ARGUMENT;
    if (len > (size_t)INT32_MAX / 4) return CHUDE_ERR_LIMIT;
    size_t L = 0;
    int done = allow_fast ? fast_unicode_steps(n, text ? text : "", len, &L) : 0;
    if (done < 0) return CHUDE_ERR_NOMEM;
    if (!done) {
        chude_status st = icu_unicode_steps(n, text, len, &L);
        if (st) return st;
    }
    return line_steps(n, L, out, out_len);
}

chude_status chude_normalize(chude_normalizer *n, const char *text, size_t len,
                             const char **out, size_t *out_len)
{
    return normalize_with(n, text, len, out, out_len, 1);
}

chude_status chude_normalize_reference(chude_normalizer *n, const char *text, size_t len,
                                       const char **out, size_t *out_len)
{
    return normalize_with(n, text, len, out, out_len, 0);
}

/* Line by line on n->utf8 (L bytes): boilerplate, placeholders, spaces; into n->out. */
static chude_status line_steps(chude_normalizer *n, size_t L, const char **out, size_t *out_len)
{
    /* a placeholder is at most 3x the chunk it replaces with its separator ("1 " -> "_num_ ") */
    if (!grow_c(&n->out, &n->out_cap, L * 3 + 16)) return CHUDE_ERR_NOMEM;
    const char *s = n->utf8;
    char *o = n->out;
    size_t w = 0, pos = 0;
    const char *prev_line = NULL;
    size_t prev_len = 0;
    while (pos < L) {
        const char *nl = memchr(s + pos, '\n', L - pos);
        size_t end = nl ? (size_t)(nl - s) : L;
        size_t b = pos, t = end;
        while (b < t && s[b] == ' ') b++;
        while (t > b && s[t - 1] == ' ') t--;
        const char *line = s + b;
        size_t ln = t - b;
        pos = end + 1;
        if (ln == 0) continue;
        if (n->opt.strip_boilerplate) {
            size_t skip;
            if (is_boilerplate(line, ln, &skip)) continue;
            line += skip;
            ln -= skip;
            if (ln == 0) continue;
            if (prev_line && ln == prev_len && memcmp(line, prev_line, ln) == 0) continue;
        }
        prev_line = line;
        prev_len = ln;
        if (w) o[w++] = '\n';
        /* chunks separated by spaces; collapse runs of spaces */
        size_t i = 0;
        int first = 1;
        while (i < ln) {
            while (i < ln && line[i] == ' ') i++;
            if (i >= ln) break;
            size_t j = i;
            while (j < ln && line[j] != ' ') j++;
            if (!first) o[w++] = ' ';
            first = 0;
            const char *ph = NULL;
            size_t cb = 0, ce = 0;
            if (n->opt.placeholders) ph = placeholder(line + i, j - i, &cb, &ce);
            if (ph) {
                size_t phl = strlen(ph);
                memcpy(o + w, line + i, cb); w += cb;
                memcpy(o + w, ph, phl); w += phl;
                memcpy(o + w, line + i + ce, (j - i) - ce); w += (j - i) - ce;
            } else {
                memcpy(o + w, line + i, j - i);
                w += j - i;
            }
            i = j;
        }
    }
    o[w] = 0;
    *out = o;
    *out_len = w;
    return CHUDE_OK;
}
