/* normalize.c — the canonical form of Vietnamese text.
 *
 * Steps, in order: UTF-8 to UTF-16; NFD; invisible characters dropped, spaces and line
 * breaks unified, Đ look-alikes mapped; the tone mark of open "oa"/"oe"/"uy" syllables moved
 * to the chosen vowel; case folding; NFC; back to UTF-8; then, line by line, boilerplate
 * lines dropped, placeholders substituted and spaces collapsed. It must stay pure (no I/O,
 * no globals) and must not decide what a token is: that is tokenize.c's job. */
#include "chude/normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

struct chude_normalizer {
    chude_normalize_options opt;
    const UNormalizer2 *nfd, *nfc;
    UChar *u1, *u2;          /* UTF-16 work buffers */
    int32_t ucap;
    char *utf8;              /* UTF-8 after the Unicode steps */
    size_t utf8_cap;
    char *out;               /* final result */
    size_t out_cap;
};

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
    if (U_FAILURE(e)) { free(n); return CHUDE_ERR_ICU; }
    *out = n;
    return CHUDE_OK;
}

void chude_normalizer_free(chude_normalizer *n)
{
    if (!n) return;
    free(n->u1);
    free(n->u2);
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

/* Steps on NFD UTF-16 in place: drop invisibles, unify spaces and breaks, map look-alikes. */
static int32_t clean_chars(UChar *s, int32_t n)
{
    int32_t w = 0;
    for (int32_t i = 0; i < n; i++) {
        UChar c = s[i];
        switch (c) {
        case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
        case 0x034F: case 0x180E:
            continue;                                   /* invisible */
        case '\r':
            if (i + 1 < n && s[i + 1] == '\n') continue;
            c = '\n';
            break;
        case 0x2028: case 0x2029: case 0x0085: case '\v': case '\f':
            c = '\n';
            break;
        case 0x00A0: case 0x202F: case 0x3000: case '\t':
            c = ' ';
            break;
        case 0x00D0: case 0x0189: c = 0x0110; break;  /* Ð Ɖ look like Đ */
        case 0x00F0: case 0x0256: c = 0x0111; break;  /* ð ɖ look like đ */
        default:
            if (c >= 0x2000 && c <= 0x200A) c = ' ';
            else if (c < 0x20 && c != '\n') c = ' ';
            else if (c >= 0x7F && c < 0xA0) c = ' ';
            break;
        }
        s[w++] = c;
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

/* Nonzero when a (case-folded, trimmed) line is web furniture rather than content. */
static int is_boilerplate(const char *s, size_t n)
{
    static const char *const exact[] = {
        "tin liên quan", "tin cùng chuyên mục", "bài liên quan", "tin khác", "xem thêm",
        "đọc thêm", "chia sẻ", "facebook", "twitter", "tweet", "zalo", "email", "e-mail",
        "in bài", "bản in", "gửi bài", "bình luận", "lượt xem", "like", "share", "google+",
        "print", "về đầu trang", "trở lại", "quay lại", "top", "ý kiến bạn đọc",
        "gửi bình luận", "gửi ý kiến", "tin mới", "tin nổi bật", "tin đọc nhiều" };
    static const char *const prefix[] = {
        "tin liên quan", "cập nhật lúc", "cập nhật:", "ngày đăng:", "đăng lúc", "ảnh:",
        "ảnh minh họa", "(ảnh minh họa", "nguồn ảnh", "xem thêm:", "đọc thêm:", "tags:",
        "từ khóa:", "chia sẻ:", "share:" };
    size_t i;
    if (n == 0) return 0;
    for (i = 0; i < sizeof exact / sizeof *exact; i++)
        if (n == strlen(exact[i]) && memcmp(s, exact[i], n) == 0) return 1;
    for (i = 0; i < sizeof prefix / sizeof *prefix; i++)
        if (starts(s, n, prefix[i])) return 1;
    if (n < 64 && contains(s, n, "gmt+7")) return 1;
    /* lines of only punctuation, or only a date/time stamp (digits, separators, weekday) */
    int digits = 0, letters = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9') digits++;
        else if (c >= 0x80 || (c >= 'a' && c <= 'z')) letters++;
    }
    if (!digits && !letters) return 1;
    if (digits >= 4 && n < 48 && (starts(s, n, "thứ ") || starts(s, n, "chủ nhật") || letters == 0))
        return 1;
    return 0;
}

/* Placeholder for one space-delimited chunk, or NULL to keep it. cb and ce are set
 * to the part replaced (leading/trailing punctuation stays). */
static const char *placeholder(const char *s, size_t n, size_t *cb, size_t *ce)
{
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

chude_status chude_normalize(chude_normalizer *n, const char *text, size_t len,
                             const char **out, size_t *out_len)
{
    if (!n || !out || !out_len || (!text && len)) return CHUDE_ERR_ARGUMENT;
    if (len > (size_t)INT32_MAX / 4) return CHUDE_ERR_LIMIT;
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
    /* line-level steps */
    size_t L = (size_t)blen;
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
            if (is_boilerplate(line, ln)) continue;
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
